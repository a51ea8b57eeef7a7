import { GraphQLError } from 'graphql';

export function requireRange(from: string, to: string): void {
  if (from > to) {
    throw new GraphQLError('from is after to.', { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

export function requireLevel(level: number): void {
  if (!Number.isInteger(level) || level < 1 || level > 5) {
    throw new GraphQLError('rgsLevel is 1 to 5.', { extensions: { code: 'BAD_USER_INPUT' } });
  }
}
