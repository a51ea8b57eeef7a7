import { GraphQLError } from 'graphql';
import { Directive, Field, ObjectType } from 'type-graphql';

/** Something the user can fix; returned in a payload's `userErrors`, never thrown. */
@Directive('@shareable')
@ObjectType({ description: 'A problem with the input that the user can fix.' })
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description: 'Path to the input field at fault, e.g. ["input", "lines", "1", "debit"].',
  })
  field?: string[] | null;

  @Field(() => String)
  message!: string;

  @Field(() => String, {
    description: 'Stable machine-readable code, e.g. UNBALANCED_ENTRY, DUPLICATE_EMAIL.',
  })
  code!: string;
}

export function userError(code: string, message: string, field?: string[]): UserError {
  return Object.assign(new UserError(), { code, message, field: field ?? null });
}

/**
 * A domain failure a service raises; the subgraph's error map turns its code into a
 * userError or a GraphQL error. The transaction it happened in rolls back.
 */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly field?: string[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** How a subgraph reports one domain error code. */
export type ErrorReport = 'userError' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHENTICATED';

/**
 * Runs a mutation body; a DomainError becomes `{ userErrors: [...] }` (or a GraphQL error,
 * as the subgraph's exhaustive error map says). Anything else propagates and is masked.
 */
export async function withUserErrors<Code extends string, P extends { userErrors: UserError[] }>(
  map: Record<Code, ErrorReport>,
  body: () => Promise<Omit<P, 'userErrors'>>,
): Promise<P> {
  try {
    return { ...(await body()), userErrors: [] } as unknown as P;
  } catch (error) {
    if (error instanceof DomainError && error.code in map) {
      const report = map[error.code as Code];
      if (report === 'userError') {
        return { userErrors: [userError(error.code, error.message, error.field)] } as P;
      }
      throw new GraphQLError(error.message, { extensions: { code: report } });
    }
    throw error;
  }
}
