import { InvalidDecimalInput, MoneyDecimal, parseDecimal } from '@kantoor/platform';
import { ErrorList } from '../../common/ledger.errors';
import {
  expandVat,
  fiscalYearOf,
  formatEntryNumber,
  MAX_LINES,
  mirror,
  parseLines,
  totals,
  vatOf,
  type LineInput,
  type ResolvedLine,
  type VatRule,
} from '../entry.calc';

const d = (v: string) => new MoneyDecimal(v);
/** What the Decimal scalar hands a resolver for a string argument. */
const arg = (v: string) => parseDecimal(v) ?? new InvalidDecimalInput(v);

function parse(lines: LineInput[]) {
  const errors = new ErrorList();
  const parsed = parseLines(lines, ['input', 'lines'], errors);
  return { parsed, errors: errors.errors.map((e) => ({ code: e.code, field: e.field })) };
}

describe('VAT per line, rounded to cents half up', () => {
  test.each([
    ['100.00', '21', '21.00'],
    ['100.00', '9', '9.00'],
    ['0.50', '9', '0.05'], // 0.045 -> 0.05 (half up)
    ['0.05', '9', '0.00'], // 0.0045 -> 0.00
    ['10.10', '21', '2.12'], // 2.121
    ['12.38', '21', '2.60'], // 2.5998
    ['2.50', '21', '0.53'], // 0.525 -> 0.53 (half up, not banker's 0.52)
    ['99999999.99', '21', '21000000.00'], // 20999999.9979 -> exact, no float drift
    ['100.00', '0', '0.00'],
  ])('%s at %s%% is %s', (net, rate, vat) => {
    expect(vatOf(d(net), d(rate)).toFixed(2)).toBe(vat);
  });
});

const rule = (over: Partial<VatRule>): VatRule => ({
  code: 'V21',
  rate: d('21'),
  direction: 'SALES',
  reverseCharge: false,
  vatAccountId: 'vat-due',
  inputVatAccountId: null,
  ...over,
});
const resolved = (over: Partial<ResolvedLine>): ResolvedLine => ({
  accountId: 'acc',
  side: 'CREDIT',
  amount: d('100.00'),
  vat: null,
  vatCode: null,
  description: null,
  ...over,
});
const shape = (lines: ReturnType<typeof expandVat>) =>
  lines.map((l) => [l.kind, l.accountId, l.debit.toFixed(2), l.credit.toFixed(2), l.vatCode]);

describe('expandVat: the ledger adds the VAT lines', () => {
  test('a V21 sale of 100.00 books 121.00 with a 21.00 VAT line on the VAT account', () => {
    const lines = expandVat([
      resolved({ accountId: 'debtors', side: 'DEBIT', amount: d('121.00') }),
      resolved({ accountId: 'turnover', vat: rule({}), vatCode: 'V21' }),
    ]);
    expect(shape(lines)).toEqual([
      ['ENTERED', 'debtors', '121.00', '0.00', null],
      ['ENTERED', 'turnover', '0.00', '100.00', 'V21'],
      ['VAT_DUE', 'vat-due', '0.00', '21.00', 'V21'],
    ]);
    const t = totals(lines);
    expect(t.debit.equals(t.credit)).toBe(true);
  });

  test('a sales credit note debits turnover and VAT', () => {
    expect(shape(expandVat([resolved({ side: 'DEBIT', vat: rule({}), vatCode: 'V21' })]))).toEqual([
      ['ENTERED', 'acc', '100.00', '0.00', 'V21'],
      ['VAT_DUE', 'vat-due', '21.00', '0.00', 'V21'],
    ]);
  });

  test('a purchase with I9 adds input VAT on the same side', () => {
    const i9 = rule({ code: 'I9', rate: d('9'), direction: 'PURCHASES', vatAccountId: 'input' });
    expect(shape(expandVat([resolved({ side: 'DEBIT', vat: i9, vatCode: 'I9' })]))).toEqual([
      ['ENTERED', 'acc', '100.00', '0.00', 'I9'],
      ['VAT_INPUT', 'input', '9.00', '0.00', 'I9'],
    ]);
  });

  test('reverse charge books the VAT due and the equal input VAT, which cancel', () => {
    const iverl = rule({
      code: 'IVERL',
      direction: 'PURCHASES',
      reverseCharge: true,
      vatAccountId: 'due-reverse',
      inputVatAccountId: 'input',
    });
    const lines = expandVat([resolved({ side: 'DEBIT', vat: iverl, vatCode: 'IVERL' })]);
    expect(shape(lines)).toEqual([
      ['ENTERED', 'acc', '100.00', '0.00', 'IVERL'],
      ['VAT_DUE', 'due-reverse', '0.00', '21.00', 'IVERL'],
      ['VAT_INPUT', 'input', '21.00', '0.00', 'IVERL'],
    ]);
    const vatOnly = totals(lines.slice(1));
    expect(vatOnly.debit.equals(vatOnly.credit)).toBe(true);
  });

  test('0% codes and VAT that rounds to 0.00 add no line', () => {
    const v0 = rule({ code: 'V0', rate: d('0'), vatAccountId: null });
    expect(expandVat([resolved({ vat: v0, vatCode: 'V0' })])).toHaveLength(1);
    const v9 = rule({ code: 'V9', rate: d('9') });
    expect(expandVat([resolved({ amount: d('0.05'), vat: v9, vatCode: 'V9' })])).toHaveLength(1);
  });

  test('0.10 + 0.20 balances 0.30 exactly', () => {
    const lines = expandVat([
      resolved({ side: 'DEBIT', amount: d('0.10') }),
      resolved({ side: 'DEBIT', amount: d('0.20') }),
      resolved({ side: 'CREDIT', amount: d('0.30') }),
    ]);
    const t = totals(lines);
    expect(t.debit.toFixed(2)).toBe('0.30');
    expect(t.debit.equals(t.credit)).toBe(true);
  });

  test('mirror swaps debit and credit (a reversal)', () => {
    const lines = expandVat([resolved({ vat: rule({}), vatCode: 'V21' })]);
    expect(shape(mirror(lines))).toEqual([
      ['ENTERED', 'acc', '100.00', '0.00', 'V21'],
      ['VAT_DUE', 'vat-due', '21.00', '0.00', 'V21'],
    ]);
  });
});

describe('parseLines: bad input gets a userError with the path of the line', () => {
  test('good lines pass with side, amount and upper-cased VAT code', () => {
    const { parsed, errors } = parse([
      { accountCode: ' 4000 ', debit: arg('12.34'), vatCode: 'i21', description: ' x ' },
      { accountCode: '1100', credit: arg('14.93') },
    ]);
    expect(errors).toEqual([]);
    expect(
      parsed.map((p) => [p.accountCode, p.side, p.amount.toFixed(2), p.vatCode, p.description]),
    ).toEqual([
      ['4000', 'DEBIT', '12.34', 'I21', 'x'],
      ['1100', 'CREDIT', '14.93', null, null],
    ]);
  });

  test.each([
    ['ten', 'INVALID_AMOUNT'],
    ['1e3', 'INVALID_AMOUNT'],
    ['12,34', 'INVALID_AMOUNT'],
    ['0.001', 'TOO_MANY_DECIMALS'],
    ['-5.00', 'AMOUNT_NOT_POSITIVE'],
    ['0', 'AMOUNT_NOT_POSITIVE'],
    ['0.00', 'AMOUNT_NOT_POSITIVE'],
  ])('"%s" -> %s at [input, lines, 1, credit]', (amount, code) => {
    const { errors } = parse([
      { accountCode: '4000', debit: arg('1.00') },
      { accountCode: '1100', credit: arg(amount) },
    ]);
    expect(errors).toEqual([{ code, field: ['input', 'lines', '1', 'credit'] }]);
  });

  test('both or neither of debit and credit: DEBIT_OR_CREDIT', () => {
    const { errors } = parse([
      { accountCode: '4000', debit: arg('1.00'), credit: arg('1.00') },
      { accountCode: '1100' },
    ]);
    expect(errors).toEqual([
      { code: 'DEBIT_OR_CREDIT', field: ['input', 'lines', '0', 'credit'] },
      { code: 'DEBIT_OR_CREDIT', field: ['input', 'lines', '1'] },
    ]);
  });

  test('no lines, and more than 1,000 lines', () => {
    expect(parse([]).errors).toEqual([{ code: 'NO_LINES', field: ['input', 'lines'] }]);
    const many = Array.from({ length: MAX_LINES + 1 }, () => ({
      accountCode: '4000',
      debit: arg('1'),
    }));
    expect(parse(many).errors).toEqual([{ code: 'TOO_MANY_LINES', field: ['input', 'lines'] }]);
    expect(parse(many.slice(0, MAX_LINES)).errors).toEqual([]);
  });

  test('a line description longer than 500 characters', () => {
    const { errors } = parse([
      { accountCode: '4000', debit: arg('1'), description: 'x'.repeat(501) },
    ]);
    expect(errors).toEqual([
      { code: 'TEXT_TOO_LONG', field: ['input', 'lines', '0', 'description'] },
    ]);
  });
});

describe('numbering and fiscal years', () => {
  test('numbers are the year and a six-digit sequence, wider when needed', () => {
    expect(formatEntryNumber(2026, 42)).toBe('2026-000042');
    expect(formatEntryNumber(2026, 1)).toBe('2026-000001');
    expect(formatEntryNumber(2027, 1234567)).toBe('2027-1234567');
  });

  test('fiscal years are calendar years', () => {
    expect(fiscalYearOf('2026-02-28')).toEqual({
      year: 2026,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    });
  });
});
