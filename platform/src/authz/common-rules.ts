import type { GraphQLSchema } from 'graphql';
import { allow } from 'graphql-shield';
import type { IRules } from 'graphql-shield';

/**
 * Value types reached only through fields that carry their own rules, allowed wherever a
 * subgraph's schema has them: PageInfo (a page is as visible as its connection) and
 * UserError (a userError is as visible as the payload it is in).
 */
const VALUE_TYPES = ['PageInfo', 'UserError'] as const;

export function commonRules(schema: GraphQLSchema): IRules {
  return Object.fromEntries(
    VALUE_TYPES.filter((type) => schema.getType(type)).map((type) => [type, { '*': allow }]),
  );
}
