import type { GraphQLFormattedError } from 'graphql';
import type { ApolloServerPlugin, BaseContext as ApolloBaseContext } from '@apollo/server';
import type { Logger } from '../logger.js';

/** Error codes a client may see as they are; anything else is masked. */
const PUBLIC_CODES = new Set([
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'NOT_FOUND',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
]);

/** Masks unknown errors: the client sees a generic message, the log has the details. */
export function maskError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PUBLIC_CODES.has(code)) return formatted;
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** Logs errors that will be masked, with the request id, so ops can find them. */
export function errorLoggingPlugin<C extends ApolloBaseContext & { logger?: Logger }>(
  fallback: Logger,
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          const logger = contextValue.logger ?? fallback;
          for (const error of errors) {
            const code = error.extensions?.code;
            if (typeof code === 'string' && PUBLIC_CODES.has(code)) continue;
            logger.error({ err: error.originalError ?? error, path: error.path }, error.message);
          }
        },
      };
    },
  };
}
