import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { applyMiddleware, type IMiddleware } from 'graphql-middleware';
import { userError } from './user-error.js';

/** Names, codes, numbers, references, periods and any text field not listed below. */
export const DEFAULT_TEXT_LIMIT = 200;
/** Free text a person writes: descriptions, notes, reasons. */
export const LONG_TEXT_LIMIT = 2000;

/**
 * Maximum length (UTF-16 code units, as JavaScript and graphql-js count) of a String or ID
 * input, by the name of the argument or input field that carries it. `null` exempts the
 * field: it has a limit of its own in its service (a CAMT.053 file: the ledger's
 * MAX_STATEMENT_BYTES, and the HTTP body limit before that). Any name not listed gets
 * DEFAULT_TEXT_LIMIT. A service may check a tighter limit itself (e.g. the ledger's
 * descriptions, 500), with its own userError; this is the ceiling for every field.
 */
export const TEXT_LIMITS: Readonly<Record<string, number | null>> = {
  description: LONG_TEXT_LIMIT,
  note: LONG_TEXT_LIMIT,
  notes: LONG_TEXT_LIMIT,
  reason: LONG_TEXT_LIMIT,
  exemptionGround: LONG_TEXT_LIMIT,
  // RFC 5321's longest address.
  email: 254,
  // Secrets, cursors and keys: the services say more precisely what they accept
  // (passwords up to 256, idempotency keys up to 200), with their own codes.
  password: 1000,
  refreshToken: 1000,
  idempotencyKey: 1000,
  after: 1000,
  before: 1000,
  camt053: null,
};

/** The userError code applyTextLimits answers in mutation payloads, in every subgraph. */
export const TEXT_LIMIT_USER_ERROR_CODES = {
  TEXT_TOO_LONG: 'A text is longer than allowed.',
} as const;

export function textLimit(name: string): number | null {
  return name in TEXT_LIMITS ? TEXT_LIMITS[name]! : DEFAULT_TEXT_LIMIT;
}

interface TooLong {
  path: string[];
  max: number;
}

function isText(type: GraphQLInputType): boolean {
  const named = getNamedType(type);
  return isScalarType(named) && (named.name === 'String' || named.name === 'ID');
}

/** Whether a value of `type` can hold text (memoized per input type name). */
function holdsText(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return isText(named);
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((f) => holdsText(f.type, seen));
}

function findTooLong(
  value: unknown,
  type: GraphQLInputType,
  name: string,
  path: string[],
): TooLong | null {
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return findTooLong(value, nullable.ofType, name, path);
    for (let i = 0; i < value.length; i++) {
      const found = findTooLong(value[i], nullable.ofType, name, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (isScalarType(nullable)) {
    if (!isText(nullable) || typeof value !== 'string') return null;
    const max = textLimit(name);
    return max !== null && value.length > max ? { path, max } : null;
  }
  if (isInputObjectType(nullable) && typeof value === 'object') {
    for (const field of Object.values(nullable.getFields())) {
      const found = findTooLong(
        (value as Record<string, unknown>)[field.name],
        field.type,
        field.name,
        [...path, field.name],
      );
      if (found) return found;
    }
  }
  return null;
}

/** The first text argument (at any depth) of `args` longer than its limit. */
export function findTooLongText(
  argDefs: readonly GraphQLArgument[],
  args: Record<string, unknown>,
): TooLong | null {
  for (const arg of argDefs) {
    const found = findTooLong(args[arg.name], arg.type, arg.name, [arg.name]);
    if (found) return found;
  }
  return null;
}

/**
 * A mutation whose payload reports `userErrors` and has no other non-null field can
 * answer a too-long text as a userError, as the services do; anything else (queries,
 * arguments of nested fields) answers BAD_USER_INPUT.
 */
function answersUserErrors(field: GraphQLField<unknown, unknown>): boolean {
  const payload = getNullableType(field.type);
  if (!isObjectType(payload)) return false;
  const fields = Object.values(payload.getFields());
  return (
    fields.some((f) => f.name === 'userErrors') &&
    fields.every((f) => f.name === 'userErrors' || !isNonNullType(f.type))
  );
}

function tooLongMessage(found: TooLong): string {
  return `At most ${found.max} characters (${found.path.join('.')}).`;
}

/**
 * Issue 15: every text input has a maximum length, checked in one place for every
 * subgraph. Each field with a String or ID argument (at any depth of its input objects)
 * gets a middleware that runs after graphql-shield (a caller without the right still
 * gets FORBIDDEN) and before the resolver: a text over its limit (TEXT_LIMITS) is a
 * userError TEXT_TOO_LONG with the input path in a mutation payload, else BAD_USER_INPUT
 * with `reason: TEXT_TOO_LONG`. Nothing is read or written.
 */
export function applyTextLimits(schema: GraphQLSchema): GraphQLSchema {
  const middleware: Record<string, Record<string, IMiddleware>> = {};
  const mutationType = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.some((a) => holdsText(a.type))) continue;
      const asUserError = type === mutationType && answersUserErrors(field);
      (middleware[type.name] ??= {})[field.name] = (async (
        resolve: (...a: unknown[]) => unknown,
        parent: unknown,
        args: Record<string, unknown>,
        context: unknown,
        info: unknown,
      ) => {
        const found = findTooLongText(field.args, args);
        if (!found) return resolve(parent, args, context, info);
        if (asUserError)
          return { userErrors: [userError('TEXT_TOO_LONG', tooLongMessage(found), found.path)] };
        throw new GraphQLError(tooLongMessage(found), {
          extensions: {
            code: 'BAD_USER_INPUT',
            reason: 'TEXT_TOO_LONG',
            argumentPath: found.path,
            maxLength: found.max,
          },
        });
      }) as unknown as IMiddleware;
    }
  }
  return Object.keys(middleware).length > 0 ? applyMiddleware(schema, middleware as never) : schema;
}
