import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { DateScalar, DateTimeScalar, DecimalScalar } from './scalars.js';
import { applyShield, type RuleMap } from '../authz/rules.js';
import { userErrorCodeSdl, type UserErrorCodes } from './user-error.js';
import { applyTextLimits, TEXT_LIMIT_USER_ERROR_CODES } from './text-limits.js';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])`;

export type ReferenceResolvers = Record<
  string,
  { __resolveReference: (reference: never, context: never, info: never) => unknown }
>;

export interface SubgraphSchemaOptions {
  resolvers: BuildSchemaOptions['resolvers'];
  orphanedTypes?: BuildSchemaOptions['orphanedTypes'];
  /** `__resolveReference` per entity type this subgraph resolves. */
  references?: ReferenceResolvers;
  /**
   * Every code this subgraph can return in `userErrors`, with what it means: published as
   * the `UserErrorCode` enum and `UserError.codeEnum` (composition joins the subgraphs'
   * values into one enum). Required when the schema has `UserError`.
   */
  userErrorCodes?: UserErrorCodes;
}

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes, without shield.
 * Dates use our `Date`/`DateTime` scalars and money the `Decimal` scalar.
 */
export async function buildFederatedSchema(options: SubgraphSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    skipCheck: true,
    validate: false,
  });
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [type, reference] of Object.entries(options.references ?? {})) {
    resolvers[type] = { ...(resolvers[type] ?? {}), ...reference };
  }
  // Keep our scalar implementations (printing loses them).
  for (const scalar of [DateScalar, DateTimeScalar, DecimalScalar]) {
    if (schema.getType(scalar.name)) resolvers[scalar.name] = scalar as never;
  }
  let sdl = printSchemaWithDirectives(schema);
  if (schema.getType('UserError')) {
    if (!options.userErrorCodes) throw new Error('userErrorCodes are required with UserError.');
    // Every subgraph answers TEXT_TOO_LONG for a text over its limit (text-limits.ts).
    sdl += `\n${userErrorCodeSdl({ ...TEXT_LIMIT_USER_ERROR_CODES, ...options.userErrorCodes })}`;
    resolvers['UserError'] = {
      ...(resolvers['UserError'] ?? {}),
      codeEnum: (parent: { code: string }) => parent.code,
    };
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${sdl}`),
    resolvers: resolvers as GraphQLResolverMap<unknown>,
  });
}

/**
 * The shielded schema a subgraph serves: deny by default, rules from the module maps; text
 * limits checked after the rules (text-limits.ts).
 */
export async function buildShieldedSubgraphSchema(
  options: SubgraphSchemaOptions & { rules: RuleMap[] },
): Promise<GraphQLSchema> {
  return applyShield(applyTextLimits(await buildFederatedSchema(options)), options.rules);
}

/** SDL for schema/<name>.graphql (printSubgraphSchema keeps @key and friends). */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema);
}
