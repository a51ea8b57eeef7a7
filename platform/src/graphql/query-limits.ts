import type { ApolloServerPlugin, BaseContext as ApolloBaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLCompositeType,
  type GraphQLFormattedError,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination.js';

/**
 * Limits on what one GraphQL document may ask (issue 15): a refused document is answered
 * at validation, before any resolver or subgraph runs, with code QUERY_TOO_COMPLEX.
 * graphql-armor counts depth, aliases, tokens and directives; the cost is our own rule
 * because armor's cost limit does not weigh lists by their size.
 */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Estimated fields resolved (listCostRule). */
  maxCost: number;
  /** How many items an unpaginated list field counts for. */
  listWeight: number;
}

/** Generous enough for every query in the tests, the demo and the README. */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 15,
  maxAliases: 30,
  maxTokens: 5_000,
  maxDirectives: 50,
  maxCost: 250_000,
  listWeight: 10,
};

export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/**
 * The estimated number of fields a document resolves: each field counts 1 plus its
 * selection, times the items it returns: `first` (a variable counts as the largest page,
 * no argument as the default page) for paginated fields, `listWeight` for other lists.
 * A connection's `edges` list is already counted by the connection's `first`.
 */
export function listCostRule(maxCost: number, listWeight: number): ValidationRule {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        fragments.set(definition.name.value, definition);
      }
    }
    const schema = context.getSchema();

    function cost(
      selectionSet: SelectionSetNode,
      parent: GraphQLCompositeType,
      stack: Set<string>,
    ): number {
      let total = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (!('getFields' in parent)) continue;
          const field = parent.getFields()[selection.name.value];
          if (!field) continue;
          const named = getNamedType(field.type);
          const child =
            selection.selectionSet && isCompositeType(named)
              ? cost(selection.selectionSet, named, stack)
              : 0;
          total += 1 + multiplier(selection, field, parent.name) * child;
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const type = selection.typeCondition
            ? schema.getType(selection.typeCondition.name.value)
            : parent;
          if (type && isCompositeType(type)) total += cost(selection.selectionSet, type, stack);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || stack.has(name)) continue;
          const type = schema.getType(fragment.typeCondition.name.value);
          if (!type || !isCompositeType(type)) continue;
          stack.add(name);
          total += cost(fragment.selectionSet, type, stack);
          stack.delete(name);
        }
        if (total > maxCost) return total;
      }
      return total;
    }

    function multiplier(
      node: FieldNode,
      field: GraphQLField<unknown, unknown>,
      parentName: string,
    ) {
      const first = node.arguments?.find((a) => a.name.value === 'first');
      if (first) {
        const value = first.value as { kind: Kind; value?: string };
        if (value.kind === Kind.INT) return Math.max(1, Number(value.value));
        return MAX_PAGE_SIZE;
      }
      if (field.args.some((a) => a.name === 'first')) return DEFAULT_PAGE_SIZE;
      if (isListType(getNullableType(field.type))) {
        return parentName.endsWith('Connection') ? 1 : listWeight;
      }
      return 1;
    }

    return {
      OperationDefinition(operation) {
        const root =
          operation.operation === 'query'
            ? schema.getQueryType()
            : operation.operation === 'mutation'
              ? schema.getMutationType()
              : schema.getSubscriptionType();
        if (!root) return;
        const estimate = cost(operation.selectionSet, root, new Set());
        if (estimate > maxCost) {
          context.reportError(
            new GraphQLError(
              `Query too complex: its estimated cost exceeds the limit of ${maxCost}. Ask for fewer items or fields per request.`,
              { nodes: [operation], extensions: { code: QUERY_TOO_COMPLEX } },
            ),
          );
        }
      },
    };
  };
}

/** Apollo Server options that apply the limits: armor's plugins and validation rules plus ours. */
export function queryLimitProtection<C extends ApolloBaseContext>(
  limits: QueryLimits,
  options: { blockFieldSuggestions: boolean },
): {
  plugins: ApolloServerPlugin<C>[];
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
} {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, exposeLimits: true },
    maxAliases: { n: limits.maxAliases, exposeLimits: true },
    // graphql-js counts tokens while parsing (parseOptions.maxTokens, below): a syntax error
    // stays a GRAPHQL_PARSE_FAILED 400, where armor's own token parser answered 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: options.blockFieldSuggestions },
  }).protect();
  return {
    plugins: armor.plugins as ApolloServerPlugin<C>[],
    validationRules: [...armor.validationRules, listCostRule(limits.maxCost, limits.listWeight)],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

const ARMOR_MESSAGE =
  /^Query too complex:|(depth|Aliases|Directives) limit of \d+ exceeded|Document contains more tha[nt] \d+ tokens/i;

/** graphql-armor's refusals (plain validation errors) get our stable code. */
export function withQueryLimitCode(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.extensions?.code === QUERY_TOO_COMPLEX) return formatted;
  if (ARMOR_MESSAGE.test(formatted.message)) {
    return { ...formatted, extensions: { ...formatted.extensions, code: QUERY_TOO_COMPLEX } };
  }
  return formatted;
}
