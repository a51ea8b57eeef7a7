/** Issue 13 item 2: VAT codes added and edited per administration; the new default codes. */
import {
  countRows,
  makeBooks,
  post,
  startLedgerKit,
  userWith,
  type Books,
  type LedgerKit,
  type UserErrorData,
} from '../../../__tests__/ledger-kit';

let kit: LedgerKit;
let books: Books;

beforeAll(async () => {
  kit = await startLedgerKit();
  books = await makeBooks(kit);
});
afterAll(async () => {
  await kit?.stop();
});

interface VatCodeData {
  code: string;
  description: string;
  rate: string;
  direction: string;
  reverseCharge: boolean;
  turnoverBox: string | null;
  vatBox: string | null;
  exemptionGround: string | null;
  vatAccount: { code: string } | null;
  inputVatAccount: { code: string } | null;
}
const VAT_FIELDS = `code description rate direction reverseCharge turnoverBox vatBox exemptionGround
  vatAccount { code } inputVatAccount { code }`;
const CREATE = `mutation($input: CreateVatCodeInput!) { createVatCode(input: $input) {
  vatCode { ${VAT_FIELDS} } userErrors { field message code } } }`;
const UPDATE = `mutation($input: UpdateVatCodeInput!) { updateVatCode(input: $input) {
  vatCode { ${VAT_FIELDS} } userErrors { field message code } } }`;
type Payload = { vatCode: VatCodeData | null; userErrors: UserErrorData[] };
const codes = (errors: UserErrorData[]) => errors.map((e) => [e.code, e.field]);

async function vatCodes(b: Books): Promise<VatCodeData[]> {
  const r = await kit.gql<{ administration: { vatCodes: VatCodeData[] } }>(
    b.adminToken,
    `query($id: ID!) { administration(id: $id) { vatCodes { ${VAT_FIELDS} } } }`,
    { id: b.administrationId },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.administration.vatCodes;
}

const create = (input: Record<string, unknown>, token = books.adminToken) =>
  kit.gql<{ createVatCode: Payload }>(token, CREATE, {
    input: { administrationId: books.administrationId, ...input },
  });
const update = (input: Record<string, unknown>, token = books.adminToken) =>
  kit.gql<{ updateVatCode: Payload }>(token, UPDATE, {
    input: { administrationId: books.administrationId, ...input },
  });

describe('the new default VAT codes', () => {
  test('VVRIJ (exempt, its ground, no box), IEU9 and INEU9 (9%, reverse charge, 4b and 4a)', async () => {
    const byCode = new Map((await vatCodes(books)).map((v) => [v.code, v]));
    expect(byCode.get('VVRIJ')).toEqual({
      code: 'VVRIJ',
      description: 'Vrijgestelde omzet (geen btw, niet in de aangifte)',
      rate: '0.00',
      direction: 'SALES',
      reverseCharge: false,
      turnoverBox: null,
      vatBox: null,
      exemptionGround: 'Vrijgesteld van btw (art. 11 Wet OB 1968)',
      vatAccount: null,
      inputVatAccount: null,
    });
    expect(byCode.get('IEU9')).toMatchObject({
      rate: '9.00',
      direction: 'PURCHASES',
      reverseCharge: true,
      turnoverBox: '4b',
      vatBox: '4b',
      exemptionGround: null,
      vatAccount: { code: '1500' },
      inputVatAccount: { code: '1550' },
    });
    expect(byCode.get('INEU9')).toMatchObject({
      rate: '9.00',
      reverseCharge: true,
      turnoverBox: '4a',
      vatBox: '4a',
      vatAccount: { code: '1500' },
      inputVatAccount: { code: '1550' },
    });
  });

  test('a 9% acquisition from the EU books the VAT due and the equal input VAT at 9%', async () => {
    const r = await post(kit, books.adminToken, {
      administrationId: books.administrationId,
      lines: [
        { accountCode: '7000', debit: '1000.00', vatCode: 'IEU9' },
        { accountCode: '1600', credit: '1000.00' },
      ],
    });
    expect(r.userErrors).toEqual([]);
    expect(r.entry!.lines.map((l) => [l.kind, l.account.code, l.debit, l.credit])).toEqual([
      ['ENTERED', '7000', '1000.00', '0.00'],
      ['VAT_DUE', '1500', '0.00', '90.00'],
      ['VAT_INPUT', '1550', '90.00', '0.00'],
      ['ENTERED', '1600', '0.00', '1000.00'],
    ]);
  });
});

describe('createVatCode / updateVatCode (ADMINISTRATION_MANAGE)', () => {
  test('adds a code and an exempt code with its ground; the new code books', async () => {
    const r = await create({
      code: 'i21b',
      description: 'Inkopen 21% (tweede voorbelastingrekening)',
      rate: '21',
      direction: 'PURCHASES',
      vatAccountCode: '1550',
      vatBox: '5B',
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.createVatCode.userErrors).toEqual([]);
    expect(r.data!.createVatCode.vatCode).toMatchObject({
      code: 'I21B',
      rate: '21.00',
      vatBox: '5b',
      vatAccount: { code: '1550' },
      inputVatAccount: null,
    });
    const exempt = await create({
      code: 'VONDW',
      description: 'Onderwijs (vrijgesteld)',
      rate: '0',
      direction: 'SALES',
      exemptionGround: 'art. 11 lid 1 sub o Wet OB 1968: onderwijs',
    });
    expect(exempt.data!.createVatCode.userErrors).toEqual([]);
    const booked = await post(kit, books.adminToken, {
      administrationId: books.administrationId,
      lines: [
        { accountCode: '4400', debit: '100.00', vatCode: 'I21B' },
        { accountCode: '1600', credit: '121.00' },
      ],
    });
    expect(booked.userErrors).toEqual([]);
  });

  test('each userError; nothing written', async () => {
    const before = await countRows(kit, 'vat_codes', books.administrationId);
    const base = { code: 'NEW1', description: 'Nieuw', rate: '21', direction: 'SALES' };
    const cases: [Record<string, unknown>, [string, string[]][]][] = [
      [{ code: 'V21', vatAccountCode: '1500' }, [['DUPLICATE_VAT_CODE', ['input', 'code']]]],
      [{}, [['VAT_ACCOUNT_REQUIRED', ['input', 'vatAccountCode']]]],
      [{ vatAccountCode: '9876' }, [['UNKNOWN_ACCOUNT', ['input', 'vatAccountCode']]]],
      [
        { rate: '21', reverseCharge: true, vatAccountCode: '1500', direction: 'PURCHASES' },
        [['VAT_ACCOUNT_REQUIRED', ['input', 'inputVatAccountCode']]],
      ],
      [{ rate: '100', vatAccountCode: '1500' }, [['INVALID_RATE', ['input', 'rate']]]],
      [
        { rate: '0', turnoverBox: '1e', exemptionGround: 'art. 11' },
        [['INVALID_VAT_CODE', ['input', 'exemptionGround']]],
      ],
      [
        { code: 'bad code', vatAccountCode: '1500', vatBox: '9z' },
        [
          ['INVALID_VAT_CODE', ['input', 'code']],
          ['INVALID_VAT_CODE', ['input', 'vatBox']],
        ],
      ],
    ];
    for (const [patch, expected] of cases) {
      const r = await create({ ...base, ...patch });
      expect(r.errors).toBeUndefined();
      expect(codes(r.data!.createVatCode.userErrors)).toEqual(expected);
    }
    expect(await countRows(kit, 'vat_codes', books.administrationId)).toBe(before);
  });

  test('updates description and boxes; rate of a used code: VAT_CODE_IN_USE; of an unused one: changed', async () => {
    const described = await update({ code: 'V9', description: 'Verkopen 9%', turnoverBox: null });
    expect(described.data!.updateVatCode.userErrors).toEqual([]);
    expect(described.data!.updateVatCode.vatCode).toMatchObject({
      code: 'V9',
      description: 'Verkopen 9%',
      rate: '9.00',
      turnoverBox: null,
      vatBox: '1b',
    });
    // IEU9 was booked above.
    const used = await update({ code: 'IEU9', rate: '21' });
    expect(codes(used.data!.updateVatCode.userErrors)).toEqual([
      ['VAT_CODE_IN_USE', ['input', 'code']],
    ]);
    const unused = await update({ code: 'INEU9', rate: '10.5', description: 'Test' });
    expect(unused.data!.updateVatCode.userErrors).toEqual([]);
    expect(unused.data!.updateVatCode.vatCode).toMatchObject({
      rate: '10.50',
      description: 'Test',
    });
    const missing = await update({ code: 'NOPE' });
    expect(codes(missing.data!.updateVatCode.userErrors)).toEqual([
      ['VAT_CODE_NOT_FOUND', ['input', 'code']],
    ]);
    const byCode = new Map((await vatCodes(books)).map((v) => [v.code, v]));
    expect(byCode.get('IEU9')!.rate).toBe('9.00');
  });

  test('a viewer without ADMINISTRATION_MANAGE gets FORBIDDEN; nothing written', async () => {
    const writer = await userWith(kit, books, ['LEDGER_READ', 'LEDGER_WRITE']);
    const before = await vatCodes(books);
    const c = await create(
      {
        code: 'XX1',
        description: 'x',
        rate: '0',
        direction: 'SALES',
      },
      writer,
    );
    expect(c.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const u = await update({ code: 'V21', description: 'gewijzigd' }, writer);
    expect(u.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await vatCodes(books)).toEqual(before);
  });
});
