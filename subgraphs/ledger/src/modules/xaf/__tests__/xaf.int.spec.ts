import { readFileSync } from 'node:fs';
import { sharedDomainFile } from '../../../__tests__/shared-domain';
import { eventually } from '@kantoor/platform/testing';
import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { camt053, IBAN } from '../../../__tests__/camt053-builder';
import {
  importStatement,
  makeBankAccount,
  makeBooks,
  post,
  PROCESS_TRANSACTION,
  startLedgerKit,
  userWith,
  type Books,
  type LedgerKit,
  type ProcessData,
} from '../../../__tests__/ledger-kit';

const XSD_PATH = sharedDomainFile('xsd/XmlAuditfileFinancieel3.2.xsd')!;
const xsd = readFileSync(XSD_PATH, 'utf8');

let kit: LedgerKit;

beforeAll(async () => {
  kit = await startLedgerKit();
});
afterAll(async () => {
  await kit?.stop();
});

async function validate(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: [{ fileName: 'audit.xaf', contents: xml }],
    schema: [{ fileName: 'XmlAuditfileFinancieel3.2.xsd', contents: xsd }],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

const AUDIT_FILE = `query($id: ID!, $year: Int!) {
  administration(id: $id) {
    auditFile(fiscalYear: $year)
    trialBalance(from: "2026-01-01", to: "2026-12-31") { totalDebit totalCredit rows { account { code } debit credit } }
  }
}`;

interface AuditData {
  administration: {
    auditFile: string | null;
    trialBalance: {
      totalDebit: string;
      totalCredit: string;
      rows: { account: { code: string }; debit: string; credit: string }[];
    };
  };
}

/**
 * Names the company in tenancy (updateAdministration through the gateway) and waits until the
 * ledger has its copy from "administration.updated" (issue 13, item 17).
 */
async function nameCompany(
  books: Books,
  details: { name: string; vatNumber: string | null; kvkNumber: string | null },
) {
  const r = await kit.gql<{ updateAdministration: { userErrors: unknown[] } }>(
    books.adminToken,
    `mutation($input: UpdateAdministrationInput!) { updateAdministration(input: $input) { userErrors { field message code } } }`,
    { input: { administrationId: books.administrationId, ...details } },
  );
  expect(r.errors).toBeUndefined();
  expect(r.data!.updateAdministration.userErrors).toEqual([]);
  await eventually(
    async () => {
      const [row] = (await kit.ledgerDb.query(
        `SELECT name, vat_number, kvk_number FROM ledger.administration_details WHERE administration_id = $1`,
        [books.administrationId],
      )) as { name: string; vat_number: string | null; kvk_number: string | null }[];
      return row?.name === details.name && row.kvk_number === details.kvkNumber ? true : undefined;
    },
    { what: 'the ledger to copy the administration details' },
  );
}

async function auditFile(books: Books, vars: Record<string, unknown> = {}) {
  const r = await kit.gql<AuditData>(books.adminToken, AUDIT_FILE, {
    id: books.administrationId,
    year: 2026,
    ...vars,
  });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.administration;
}

const ARRAYS = new Set([
  'ledgerAccount',
  'vatCode',
  'period',
  'obLine',
  'journal',
  'transaction',
  'trLine',
]);
const read = (xml: string) =>
  new XMLParser({
    parseTagValue: false,
    isArray: (name) => ARRAYS.has(name),
  }).parse(xml) as {
    auditfile: {
      header: Record<string, string>;
      company: {
        companyIdent?: string;
        companyName: string;
        taxRegIdent: string;
        generalLedger: { ledgerAccount: { accID: string; accTp: string; taxonomy?: unknown }[] };
        periods: { period: unknown[] };
        openingBalance?: {
          linesCount: string;
          totalDebit: string;
          totalCredit: string;
          obLine: { accID: string; amnt: string; amntTp: string }[];
        };
        transactions: {
          linesCount: string;
          totalDebit: string;
          totalCredit: string;
          journal: {
            jrnID: string;
            jrnTp: string;
            bankAccNr?: string;
            transaction?: {
              nr: string;
              desc: string;
              periodNumber: string;
              trLine: {
                accID: string;
                amnt: string;
                amntTp: string;
                desc: string;
                vat?: { vatID: string; vatAmnt: string; vatAmntTp: string };
              }[];
            }[];
          }[];
        };
      };
    };
  };

/** Sums per account of the XAF's transaction lines, as "debit/credit" like trialBalance rows. */
function sumsPerAccount(doc: ReturnType<typeof read>): Record<string, string> {
  const sums = new Map<string, [number, number]>();
  for (const j of doc.auditfile.company.transactions.journal) {
    for (const t of j.transaction ?? []) {
      for (const l of t.trLine) {
        const cents = Math.round(Number(l.amnt) * 100);
        const s = sums.get(l.accID) ?? [0, 0];
        if (l.amntTp === 'D') s[0] += cents;
        else s[1] += cents;
        sums.set(l.accID, s);
      }
    }
  }
  return Object.fromEntries(
    [...sums].map(([code, [d, c]]) => [code, `${(d / 100).toFixed(2)}/${(c / 100).toFixed(2)}`]),
  );
}

describe('Administration.auditFile: XAF 3.2, valid against the official XSD', () => {
  test('an administration without bookings: header, company, ledger, VAT codes, periods, no opening balance', async () => {
    const books = await makeBooks(kit);
    const { auditFile: xml } = await auditFile(books);
    expect(await validate(xml!)).toEqual({ valid: true, errors: [] });
    // The validator does refuse a file that breaks the schema.
    expect((await validate(xml!.replace('<curCode>EUR</curCode>', ''))).valid).toBe(false);
    const doc = read(xml!);
    expect(doc.auditfile.header).toMatchObject({
      fiscalYear: '2026',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      curCode: 'EUR',
      softwareDesc: 'Kantoor',
    });
    // The name tenancy gave it (the factory: "Administratie <short id>"), from its event.
    expect(doc.auditfile.company.companyName).toMatch(/^Administratie /);
    expect(doc.auditfile.company.taxRegIdent).toBe('');
    expect(doc.auditfile.company.periods.period).toHaveLength(12);
    expect(doc.auditfile.company.openingBalance).toBeUndefined();
    const bank = doc.auditfile.company.generalLedger.ledgerAccount.find((a) => a.accID === '1100');
    expect(bank).toEqual({
      accID: '1100',
      accDesc: 'Bank',
      accTp: 'B',
      taxonomy: {
        taxoRef: 'RGS',
        entryPoint: { entryPointRef: 'RGS 3.x (Kantoor)', conceptRef: 'BLimBanRba' },
      },
    });
    expect(
      doc.auditfile.company.generalLedger.ledgerAccount.find((a) => a.accID === '8000')?.accTp,
    ).toBe('P');
    expect(doc.auditfile.company.transactions).toMatchObject({
      linesCount: '0',
      totalDebit: '0.00',
      totalCredit: '0.00',
    });
  });

  test('bookings with VAT lines, a bank booking and awkward text: valid, totals equal the trial balance', async () => {
    const books = await makeBooks(kit);
    const tricky = `Tom & Jerry <BV> "quoted" 'single' \u0001`;
    for (const input of [
      {
        date: '2026-01-15',
        description: `Factuur 1 ${tricky}`,
        journalCode: 'VRK',
        lines: [
          { accountCode: '1300', debit: '121.00', description: tricky },
          { accountCode: '8000', credit: '100.00', vatCode: 'V21' },
        ],
      },
      {
        date: '2026-02-10',
        description: 'Inkoop 9%',
        journalCode: 'INK',
        lines: [
          { accountCode: '7000', debit: '50.00', vatCode: 'I9' },
          { accountCode: '1600', credit: '54.50' },
        ],
      },
      {
        date: '2026-03-31',
        description: 'Verlegde btw',
        journalCode: 'INK',
        lines: [
          { accountCode: '7100', debit: '200.00', vatCode: 'IVERL' },
          { accountCode: '1600', credit: '200.00' },
        ],
      },
    ]) {
      const r = await post(kit, books.adminToken, {
        administrationId: books.administrationId,
        ...input,
      });
      expect(r.userErrors).toEqual([]);
    }
    const bankAccountId = await makeBankAccount(kit, books, IBAN.main);
    await importStatement(
      kit,
      books.adminToken,
      books,
      bankAccountId,
      camt053(IBAN.main, [
        {
          amount: '10.00',
          direction: 'DBIT',
          bookingDate: '2026-04-02',
          ref: 'X1',
          name: 'Papier & Co',
        },
      ]),
    );
    const [tx] = (await kit.ledgerDb.query(
      'SELECT id FROM ledger.bank_transactions WHERE administration_id = $1',
      [books.administrationId],
    )) as { id: string }[];
    const processed = await kit.gql<ProcessData>(books.adminToken, PROCESS_TRANSACTION, {
      input: {
        administrationId: books.administrationId,
        transactionId: tx!.id,
        accountCode: '4400',
        vatCode: 'I21',
      },
    });
    expect(processed.data!.processBankTransaction.userErrors).toEqual([]);

    await nameCompany(books, {
      name: 'Bakkerij "De Korf" & Zn',
      vatNumber: 'NL123456782B01',
      kvkNumber: '12345678',
    });
    const data = await auditFile(books);
    const xml = data.auditFile!;
    expect(await validate(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain('Tom &amp; Jerry &lt;BV&gt; &quot;quoted&quot; &apos;single&apos;');
    expect(xml).not.toContain('\u0001');

    const doc = read(xml);
    expect(doc.auditfile.company).toMatchObject({
      companyIdent: '12345678',
      companyName: 'Bakkerij "De Korf" & Zn',
      taxRegIdent: 'NL123456782B01',
    });
    const t = doc.auditfile.company.transactions;
    expect([t.linesCount, t.totalDebit, t.totalCredit]).toEqual([
      '13',
      data.trialBalance.totalDebit,
      data.trialBalance.totalCredit,
    ]);
    expect(sumsPerAccount(doc)).toEqual(
      Object.fromEntries(
        data.trialBalance.rows.map((r) => [r.account.code, `${r.debit}/${r.credit}`]),
      ),
    );
    const journal = (id: string) => t.journal.find((j) => j.jrnID === id)!;
    expect(journal('BNK')).toMatchObject({ jrnTp: 'B', bankAccNr: IBAN.main });
    expect(
      journal('VRK').transaction![0]!.trLine.map((l) => [l.accID, l.amnt, l.amntTp, l.vat]),
    ).toEqual([
      ['1300', '121.00', 'D', undefined],
      ['8000', '100.00', 'C', { vatID: 'V21', vatPerc: '21.00', vatAmnt: '21.00', vatAmntTp: 'C' }],
      // The VAT line carries its own vat element (issue 13, item 11).
      ['1500', '21.00', 'C', { vatID: 'V21', vatPerc: '21.00', vatAmnt: '21.00', vatAmntTp: 'C' }],
    ]);
    expect(journal('INK').transaction!.map((tr) => tr.periodNumber)).toEqual(['2', '3']);
    expect(journal('BNK').transaction![0]!.trLine.map((l) => [l.accID, l.amnt, l.amntTp])).toEqual([
      ['1100', '10.00', 'C'],
      ['4400', '8.26', 'D'],
      ['1550', '1.74', 'D'],
    ]);
  });

  test('reversed entries, and an opening balance carried from the year before', async () => {
    const books = await makeBooks(kit);
    // 2025: capital paid in, a sale and a cost (the result of 2025 is carried as unappropriated result).
    for (const input of [
      {
        date: '2025-01-02',
        lines: [
          { accountCode: '1100', debit: '1000.00' },
          { accountCode: '0730', credit: '1000.00' },
        ],
      },
      {
        date: '2025-06-01',
        lines: [
          { accountCode: '1100', debit: '300.00' },
          { accountCode: '8100', credit: '300.00' },
        ],
      },
      {
        date: '2025-07-01',
        lines: [
          { accountCode: '4400', debit: '100.00' },
          { accountCode: '1100', credit: '100.00' },
        ],
      },
    ]) {
      expect(
        (await post(kit, books.adminToken, { administrationId: books.administrationId, ...input }))
          .userErrors,
      ).toEqual([]);
    }
    const original = await post(kit, books.adminToken, {
      administrationId: books.administrationId,
      date: '2026-05-01',
      description: 'Per abuis',
      lines: [
        { accountCode: '4100', debit: '750.00', vatCode: 'I21' },
        { accountCode: '1600', credit: '907.50' },
      ],
    });
    const reversed = await kit.gql<{ reverseJournalEntry: { userErrors: unknown[] } }>(
      books.adminToken,
      `mutation($input: ReverseJournalEntryInput!) { reverseJournalEntry(input: $input) { userErrors { code } } }`,
      {
        input: {
          administrationId: books.administrationId,
          entryId: original.entry!.id,
          date: '2026-05-02',
        },
      },
    );
    expect(reversed.data!.reverseJournalEntry.userErrors).toEqual([]);

    const data = await auditFile(books);
    const xml = data.auditFile!;
    expect(await validate(xml)).toEqual({ valid: true, errors: [] });
    const doc = read(xml);
    expect(doc.auditfile.company.openingBalance).toEqual({
      opBalDate: '2026-01-01',
      opBalDesc: 'Beginbalans 2026',
      linesCount: '3',
      totalDebit: '1200.00',
      totalCredit: '1200.00',
      obLine: [
        { nr: '1', accID: '0730', amnt: '1000.00', amntTp: 'C' },
        { nr: '2', accID: '0750', amnt: '200.00', amntTp: 'C' },
        { nr: '3', accID: '1100', amnt: '1200.00', amntTp: 'D' },
      ],
    });
    const t = doc.auditfile.company.transactions;
    const mem = t.journal.find((j) => j.jrnID === 'MEM')!;
    expect(mem.transaction!.map((tr) => [tr.nr, tr.desc])).toEqual([
      ['2026-000001', 'Per abuis'],
      ['2026-000002', 'Tegenboeking 2026-000001: Per abuis'],
    ]);
    expect([t.linesCount, t.totalDebit, t.totalCredit]).toEqual([
      '6',
      data.trialBalance.totalDebit,
      data.trialBalance.totalCredit,
    ]);
    expect(data.trialBalance.totalDebit).toBe('1815.00');
    // The 2025 file holds the 2025 bookings and no opening balance.
    const y2025 = await auditFile(books, { year: 2025 });
    expect(await validate(y2025.auditFile!)).toEqual({ valid: true, errors: [] });
    expect(read(y2025.auditFile!).auditfile.company.openingBalance).toBeUndefined();
    expect(read(y2025.auditFile!).auditfile.company.transactions.linesCount).toBe('6');
  });

  test('a viewer without LEDGER_READ gets FORBIDDEN for the audit file alone; a bad year is BAD_USER_INPUT', async () => {
    const books = await makeBooks(kit);
    const invoicing = await userWith(kit, books, ['INVOICING_READ']);
    const r = await kit.gql<{ administration: { id: string; auditFile: string | null } }>(
      invoicing,
      `query($id: ID!) { administration(id: $id) { id auditFile(fiscalYear: 2026) } }`,
      { id: books.administrationId },
    );
    expect(r.data!.administration).toEqual({ id: books.administrationId, auditFile: null });
    expect(r.errors?.map((e) => [e.path?.at(-1), e.extensions?.code])).toEqual([
      ['auditFile', 'FORBIDDEN'],
    ]);
    const reader = await userWith(kit, books, ['LEDGER_READ']);
    const ok = await kit.gql<{ administration: { auditFile: string | null } }>(
      reader,
      `query($id: ID!) { administration(id: $id) { auditFile(fiscalYear: 2026) } }`,
      { id: books.administrationId },
    );
    expect(ok.data!.administration.auditFile).toContain(
      '<auditfile xmlns="http://www.auditfiles.nl/XAF/3.2">',
    );
    const bad = await kit.gql(
      reader,
      `query($id: ID!) { administration(id: $id) { auditFile(fiscalYear: 12) } }`,
      { id: books.administrationId },
    );
    expect(bad.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('the XAF header comes from tenancy, not from the caller (issue 13, item 17)', () => {
  test('the caller cannot name the company; a change in tenancy reaches the next file', async () => {
    const books = await makeBooks(kit);
    const forged = await kit.gql(
      books.adminToken,
      `query($id: ID!) { administration(id: $id) { auditFile(fiscalYear: 2026, companyName: "Nep BV", vatNumber: "NL000000000B00") } }`,
      { id: books.administrationId },
    );
    expect(forged.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    await nameCompany(books, {
      name: 'Bakkerij Jansen BV',
      vatNumber: 'NL123456782B01',
      kvkNumber: '87654321',
    });
    expect(read((await auditFile(books)).auditFile!).auditfile.company).toMatchObject({
      companyIdent: '87654321',
      companyName: 'Bakkerij Jansen BV',
      taxRegIdent: 'NL123456782B01',
    });
    await nameCompany(books, {
      name: 'Bakkerij Jansen Holding BV',
      vatNumber: null,
      kvkNumber: null,
    });
    const company = read((await auditFile(books)).auditFile!).auditfile.company;
    expect(company.companyName).toBe('Bakkerij Jansen Holding BV');
    expect(company.companyIdent).toBeUndefined();
    expect(company.taxRegIdent).toBe('');
  });
});
