import { Decimal } from 'decimal.js';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { MoneyDecimal } from '../db/decimal.js';

const DECIMAL_PATTERN = /^-?\d{1,16}(\.\d{1,10})?$/;

/** Parses an exact decimal string such as "1234.50"; null when it is not one. Never reads a float. */
export function parseDecimal(value: unknown): Decimal | null {
  if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value.trim())) return null;
  return new MoneyDecimal(value.trim());
}

/**
 * A string argument that is not an exact decimal ("ten", "1e3", "12,34"). The scalar lets
 * it through so that the service can answer with a userError whose `field` points at the
 * exact input (e.g. ["input", "lines", "1", "debit"]); a JSON number or any other non-string
 * is refused by the scalar itself (BAD_USER_INPUT): money never travels as a float.
 */
export class InvalidDecimalInput {
  constructor(readonly raw: string) {}
}

/** What a `Decimal` argument holds in a resolver. */
export type DecimalInput = Decimal | InvalidDecimalInput;

export function isValidDecimal(value: DecimalInput | null | undefined): value is Decimal {
  return Decimal.isDecimal(value);
}

function decimalInput(value: unknown): DecimalInput {
  if (typeof value !== 'string') {
    throw new GraphQLError(
      'Decimal must be a string such as "1234.50" (digits, optional minus sign and decimal point).',
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
  }
  return parseDecimal(value) ?? new InvalidDecimalInput(value);
}

export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'Exact decimal number serialized as a string, e.g. "1234.50". Never a float.',
  serialize(value) {
    // Money keeps its cents: at least two decimals ("1234.50", "10.00", "21.00").
    if (Decimal.isDecimal(value)) {
      const d = value as Decimal;
      return d.toFixed(Math.max(2, d.decimalPlaces()));
    }
    if (typeof value === 'string') {
      const parsed = parseDecimal(value);
      if (parsed) return parsed.toFixed(Math.max(2, parsed.decimalPlaces()));
    }
    throw new GraphQLError('Decimal: cannot serialize a non-decimal value');
  },
  parseValue: decimalInput,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) return decimalInput(undefined);
    return decimalInput(ast.value);
  },
});

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date "YYYY-MM-DD" (2026-02-30 is not one). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function dateInput(value: unknown): string {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) {
    throw new GraphQLError('Date must be a string "YYYY-MM-DD".', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  // The format is checked here; whether the day exists (2026-02-30) is a domain check
  // that services report as a userError pointing at the field.
  return value;
}

/** A bookkeeping date: "YYYY-MM-DD", no time zone. Kept as a string in code. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'Calendar date, YYYY-MM-DD, no time zone.',
  serialize(value) {
    if (typeof value === 'string' && DATE_PATTERN.test(value)) return value;
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    throw new GraphQLError('Date: cannot serialize');
  },
  parseValue: dateInput,
  parseLiteral(ast) {
    return dateInput(ast.kind === Kind.STRING ? ast.value : undefined);
  },
});

function dateTimeInput(value: unknown): Date {
  const ok =
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(
      value,
    ) &&
    isCalendarDate(value.slice(0, 10));
  const date = ok ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) {
    throw new GraphQLError('DateTime must be ISO 8601 with an offset.', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return date;
}

/** An instant, ISO 8601 with offset. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'Instant, ISO 8601 with offset.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime: cannot serialize');
    return date.toISOString();
  },
  parseValue: dateTimeInput,
  parseLiteral(ast) {
    return dateTimeInput(ast.kind === Kind.STRING ? ast.value : undefined);
  },
});
