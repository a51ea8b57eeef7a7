import type { ApolloServerPlugin, BaseContext as ApolloBaseContext } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';

/** A NUL byte, or half of a UTF-16 surrogate pair without its other half. */
// eslint-disable-next-line no-control-regex -- finding the NUL byte is the point
const HOSTILE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` cannot be stored as text: PostgreSQL refuses NUL, UTF-8 has no lone surrogates. */
export function isHostileText(text: string): boolean {
  return HOSTILE.test(text);
}

/** The path of the first hostile string (or key) in `value`, or null; `path` is a working stack. */
function hostilePath(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === 'string') return isHostileText(value) ? [...path] : null;
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      // Numbers, booleans and nulls (most of a big list of ids and amounts) hold no text.
      if (item === null || (typeof item !== 'string' && typeof item !== 'object')) continue;
      path.push(i);
      const found = hostilePath(item, path);
      path.pop();
      if (found) return found;
    }
    return null;
  }
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (isHostileText(key)) return [...path, key];
    const item = (value as Record<string, unknown>)[key];
    if (item === null || (typeof item !== 'string' && typeof item !== 'object')) continue;
    path.push(key);
    const found = hostilePath(item, path);
    path.pop();
    if (found) return found;
  }
  return null;
}

/** The path of the first hostile string or key in a request's variables, or null. */
export function hostileVariablePath(variables: unknown): (string | number)[] | null {
  return hostilePath(variables, []);
}

/**
 * Whether a string literal of the document is hostile. Apollo Server parses a query text
 * once and hands the same document to every request that sends it: answered once per
 * document (the answer depends on nothing else).
 */
const literalVerdicts = new WeakMap<DocumentNode, boolean>();

export function hostileLiteral(document: DocumentNode): boolean {
  const known = literalVerdicts.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    [Kind.STRING](node) {
      if (isHostileText(node.value)) found = true;
    },
  });
  literalVerdicts.set(document, found);
  return found;
}

/**
 * One place for text no field can store (issue 15): a NUL byte or a lone surrogate in any
 * variable or string literal refuses the whole request with BAD_USER_INPUT and the
 * variable's path, before any resolver runs, instead of an INTERNAL_SERVER_ERROR from
 * PostgreSQL somewhere deep in a service.
 */
export function hostileTextPlugin<C extends ApolloBaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const path = hostileVariablePath(request.variables ?? {});
          if (path || hostileLiteral(document)) {
            throw new GraphQLError(
              'Text may not contain NUL bytes or invalid characters (unpaired surrogates).',
              {
                extensions: {
                  code: 'BAD_USER_INPUT',
                  reason: 'INVALID_TEXT',
                  ...(path ? { variablePath: path } : {}),
                  http: { status: 400 },
                },
              },
            );
          }
        },
      };
    },
  };
}
