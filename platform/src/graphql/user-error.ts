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

  @Field(() => String, { description: 'Explanation for the user, in English.' })
  message!: string;

  @Field(() => String, {
    description:
      'Stable machine-readable code, e.g. UNBALANCED_ENTRY, DUPLICATE_EMAIL; the same value as `codeEnum`.',
  })
  code!: string;
  // `codeEnum: UserErrorCode!` is added by buildFederatedSchema from the subgraph's codes.
}

/** A subgraph's userError codes and what each means (the enum value's description). */
export type UserErrorCodes = Readonly<Record<string, string>>;

const ENUM_VALUE = /^[A-Z][A-Z0-9_]*$/;

/**
 * SDL for `enum UserErrorCode` and `UserError.codeEnum`. The enum is used only in output
 * positions, so composition joins the values of every subgraph into one enum.
 */
export function userErrorCodeSdl(codes: UserErrorCodes): string {
  const entries = Object.entries(codes).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) throw new Error('A subgraph with UserError needs its codes.');
  const values = entries.map(([code, description]) => {
    if (!ENUM_VALUE.test(code)) throw new Error(`userError code ${code} is no enum value.`);
    if (description.trim() === '') throw new Error(`userError code ${code} has no description.`);
    return `  ${JSON.stringify(description)}\n  ${code}`;
  });
  const enumDescription =
    'Every code a UserError can carry (the values of UserError.code), so that generated clients can switch on them exhaustively. Codes may be added; none is renamed.';
  return [
    `${JSON.stringify(enumDescription)}`,
    `enum UserErrorCode {\n${values.join('\n')}\n}`,
    'extend type UserError {',
    '  "`code` as an enum value: the same string, typed."',
    '  codeEnum: UserErrorCode! @shareable',
    '}',
  ].join('\n');
}

/** The codes of an exhaustive error map that reach the caller as userErrors, described. */
export function userErrorCodesOf<M extends Record<string, ErrorReport>>(
  maps: M[],
  descriptions: Record<UserErrorCodeOf<M>, string>,
): UserErrorCodes {
  const codes = new Set<string>();
  for (const map of maps) {
    for (const [code, report] of Object.entries(map)) if (report === 'userError') codes.add(code);
  }
  const described = descriptions as Record<string, string>;
  return Object.fromEntries([...codes].map((code) => [code, described[code] ?? '']));
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

/**
 * Throws a DomainError: a service's one-line refusal. Bind a module's codes once, with an
 * explicit type so that control flow sees `never`:
 * `const fail: Fail<MyErrorCode> = failWith;`
 */
export function failWith<Code extends string>(
  code: Code,
  message: string,
  field?: string[],
): never {
  throw new DomainError<Code>(code, message, field);
}

/** `fail` typed by a module's error codes (see failWith). */
export type Fail<Code extends string> = (code: Code, message: string, field?: string[]) => never;

/** Several input problems at once (e.g. one per bad line); all become userErrors. */
export class DomainErrors<Code extends string = string> extends Error {
  constructor(readonly errors: DomainError<Code>[]) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join('; '));
    this.name = 'DomainErrors';
  }
}

/** Collects input problems so the caller sees every one of them in one answer. */
export class ErrorList<Code extends string = string> {
  readonly errors: DomainError<Code>[] = [];

  add(code: Code, message: string, field?: string[]): void {
    this.errors.push(new DomainError<Code>(code, message, field));
  }

  get empty(): boolean {
    return this.errors.length === 0;
  }

  /** One problem is thrown as its DomainError, several as DomainErrors. */
  throwIfAny(): void {
    if (this.errors.length === 1) throw this.errors[0]!;
    if (this.errors.length > 1) throw new DomainErrors<Code>([...this.errors]);
  }
}

/** How a subgraph reports one domain error code. */
export type ErrorReport = 'userError' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHENTICATED';

/**
 * Runs a mutation body; a DomainError becomes `{ userErrors: [...] }` (or a GraphQL error,
 * as the subgraph's exhaustive error map says), DomainErrors (an ErrorList's) one userError
 * each. Anything else propagates and is masked.
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
    if (error instanceof DomainErrors) {
      return {
        userErrors: error.errors.map((e) => userError(e.code, e.message, e.field)),
      } as unknown as P;
    }
    throw error;
  }
}

/** The codes of an error map that reach the caller as userErrors. */
export type UserErrorCodeOf<M extends Record<string, ErrorReport>> = M extends unknown
  ? { [K in keyof M]: M[K] extends 'userError' ? K : never }[keyof M] & string
  : never;
