import type { ApolloServerPlugin, BaseContext as ApolloBaseContext } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';

/** A NUL byte, or half of a UTF-16 surrogate pair without its other half. */
// eslint-disable-next-line no-control-regex -- finding the NUL byte is the point
const HOSTILE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` cannot be stored as text: PostgreSQL refuses NUL, UTF-8 has no lone surrogates. */
export function isHostileText(text: string): boolean {
  return HOSTILE.test(text);
}

function hostilePath(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === 'string') return isHostileText(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = hostilePath(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (isHostileText(key)) return [...path, key];
      const found = hostilePath(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

function hostileLiteral(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING](node) {
      if (isHostileText(node.value)) found = true;
    },
  });
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
          const path = hostilePath(request.variables ?? {}, []);
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
