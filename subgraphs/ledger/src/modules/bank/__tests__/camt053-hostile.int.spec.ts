import { ConfigError } from '@kantoor/platform';
import { camt053, IBAN, someEntries } from '../../../__tests__/camt053-builder';
import {
  countRows,
  importStatement,
  makeBankAccount,
  makeBooks,
  startLedgerKit,
  type Books,
  type LedgerKit,
} from '../../../__tests__/ledger-kit';
import { parseLedgerConfig } from '../../../config';
import { MAX_STATEMENT_BYTES } from '../bank-import.service';
import { MAX_DEPTH } from '../camt053.parser';

/**
 * Issue 15: hostile CAMT.053 files through the gateway. Each is refused as a whole with a
 * userError (no 500, no INTERNAL_SERVER_ERROR) and nothing is written; the next good file is
 * read as before. The gateway's body limit is raised for this file so that a file over the
 * ledger's own limit reaches the ledger (in production the gateway's lower default refuses it
 * first, see README).
 */

let kit: LedgerKit;
beforeAll(async () => {
  kit = await startLedgerKit({ maxBodyBytes: 12_000_000 });
});
afterAll(async () => {
  await kit?.stop();
});

async function nothingWritten(books: Books) {
  for (const table of ['bank_transactions', 'bank_imports', 'bank_statements']) {
    expect([table, await countRows(kit, table, books.administrationId)]).toEqual([table, 0]);
  }
}

const billionLaughs = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE lolz [',
  '  <!ENTITY lol "lol">',
  ...Array.from(
    { length: 9 },
    (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`,
  ),
  ']>',
  `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Acct><Id><IBAN>${IBAN.main}</IBAN></Id></Acct><AddtlStmtInf>&lol9;</AddtlStmtInf></Stmt></BkToCstmrStmt></Document>`,
].join('\n');

/** A real statement whose one entry carries supplementary data nested `depth` deep. */
const nested = (depth: number) =>
  camt053(IBAN.main, someEntries(1)).replace(
    '</Ntry>',
    `<SplmtryData>${'<Envlp>'.repeat(depth)}${'</Envlp>'.repeat(depth)}</SplmtryData></Ntry>`,
  );

describe('importBankStatement refuses hostile files with a userError, nothing written (issue 15)', () => {
  test.each([
    ['nested 20,000 deep', () => nested(20_000), 'NOT_CAMT053', `deeper than ${MAX_DEPTH}`],
    ['not XML (a PDF)', () => '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>', 'NOT_CAMT053', 'not XML'],
    ['entity expansion (billion laughs)', () => billionLaughs, 'NOT_CAMT053', 'DOCTYPE'],
    [
      `over the size limit (${MAX_STATEMENT_BYTES} bytes)`,
      () =>
        camt053(IBAN.main, someEntries(1)).replace(
          '<BkToCstmrStmt>',
          `<BkToCstmrStmt><!-- ${'x'.repeat(MAX_STATEMENT_BYTES)} -->`,
        ),
      'FILE_TOO_LARGE',
      'bytes',
    ],
  ])('%s: %s', async (_what, file, code, message) => {
    const books = await makeBooks(kit);
    const bankAccountId = await makeBankAccount(kit, books, IBAN.main);
    const r = await importStatement(kit, books.adminToken, books, bankAccountId, file());
    expect(r.errors).toBeUndefined();
    const payload = r.data!.importBankStatement;
    expect(payload.userErrors.map((e) => [e.code, e.field])).toEqual([
      [code, ['input', 'camt053']],
    ]);
    expect(payload.userErrors[0]!.message).toContain(message);
    expect(payload.newCount).toBeNull();
    await nothingWritten(books);
    // The ledger still reads a good file, also one with nesting a bank may send.
    const good = await importStatement(kit, books.adminToken, books, bankAccountId, nested(20));
    expect(good.errors).toBeUndefined();
    expect(good.data!.importBankStatement).toMatchObject({ userErrors: [], newCount: 1 });
  });
});

describe('KANTOOR_LEDGER_MAX_STATEMENT_BYTES', () => {
  test('5 MB by default, configurable, a bad value fails start-up', () => {
    expect(parseLedgerConfig({}).maxStatementBytes).toBe(5 * 1024 * 1024);
    expect(MAX_STATEMENT_BYTES).toBe(5 * 1024 * 1024);
    expect(
      parseLedgerConfig({ KANTOOR_LEDGER_MAX_STATEMENT_BYTES: '20000000' }).maxStatementBytes,
    ).toBe(20_000_000);
    for (const bad of ['lots', '10', '-1', '1e12']) {
      expect(() => parseLedgerConfig({ KANTOOR_LEDGER_MAX_STATEMENT_BYTES: bad })).toThrow(
        ConfigError,
      );
    }
  });
});
