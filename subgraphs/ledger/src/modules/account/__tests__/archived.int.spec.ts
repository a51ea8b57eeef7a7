/**
 * Issue 13 item 14: an archived administration is read-only in the ledger. Tenancy archives it
 * (archiveAdministration through the gateway); the ledger learns it from the event.
 */
import { eventually } from '@kantoor/platform/testing';
import { setBooksArchived } from '../books.service';
import {
  countRows,
  makeBooks,
  post,
  simpleLines,
  startLedgerKit,
  trialBalance2026,
  type Books,
  type LedgerKit,
  type UserErrorData,
} from '../../../__tests__/ledger-kit';

let kit: LedgerKit;

beforeAll(async () => {
  kit = await startLedgerKit();
});
afterAll(async () => {
  await kit?.stop();
});

async function archive(b: Books, archived: boolean): Promise<void> {
  const r = await kit.gql<{ archiveAdministration: { userErrors: UserErrorData[] } }>(
    b.adminToken,
    `mutation($input: ArchiveAdministrationInput!) { archiveAdministration(input: $input) {
      administration { id archived } userErrors { code } } }`,
    { input: { administrationId: b.administrationId, archived } },
  );
  expect(r.errors).toBeUndefined();
  expect(r.data!.archiveAdministration.userErrors).toEqual([]);
  await eventually(
    async () => {
      const [row] = (await kit.ledgerDb.query(
        `SELECT archived_at IS NOT NULL AS archived FROM ledger.books WHERE administration_id = $1`,
        [b.administrationId],
      )) as { archived: boolean }[];
      return row!.archived === archived ? true : undefined;
    },
    { what: 'the ledger to learn the archived state' },
  );
}

const codes = (errors: UserErrorData[]) => errors.map((e) => [e.code, e.field]);

describe('archived administrations: no writes in the ledger, reads stay', () => {
  test('posting, drafts, accounts, VAT codes, periods and bank accounts: ADMINISTRATION_ARCHIVED; unarchived they work again', async () => {
    const b = await makeBooks(kit);
    const booked = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      lines: simpleLines('10.00'),
    });
    expect(booked.userErrors).toEqual([]);
    await archive(b, true);

    const refused = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      lines: simpleLines('20.00'),
    });
    expect(codes(refused.userErrors)).toEqual([
      ['ADMINISTRATION_ARCHIVED', ['input', 'administrationId']],
    ]);
    const id = b.administrationId;
    const mutations: [string, string, Record<string, unknown>][] = [
      [
        'reverseJournalEntry',
        'ReverseJournalEntryInput',
        { administrationId: id, entryId: booked.entry!.id },
      ],
      [
        'createDraftJournalEntry',
        'CreateDraftJournalEntryInput',
        { administrationId: id, date: '2026-03-15', description: 'x', lines: simpleLines('1.00') },
      ],
      [
        'createAccount',
        'CreateAccountInput',
        { administrationId: id, code: '4999', name: 'Nieuw', type: 'EXPENSE' },
      ],
      [
        'createVatCode',
        'CreateVatCodeInput',
        { administrationId: id, code: 'X0', description: 'x', rate: '0', direction: 'SALES' },
      ],
      [
        'lockPeriod',
        'LockPeriodInput',
        { administrationId: id, from: '2026-01-01', to: '2026-01-31' },
      ],
      [
        'createBankAccount',
        'CreateBankAccountInput',
        { administrationId: id, iban: 'NL91ABNA0417164300' },
      ],
    ];
    for (const [name, type, input] of mutations) {
      const r = await kit.gql<Record<string, { userErrors: UserErrorData[] }>>(
        b.adminToken,
        `mutation($input: ${type}!) { ${name}(input: $input) { userErrors { field message code } } }`,
        { input },
      );
      expect(r.errors).toBeUndefined();
      expect([name, r.data![name]!.userErrors.map((e) => e.code)]).toEqual([
        name,
        ['ADMINISTRATION_ARCHIVED'],
      ]);
    }
    expect(await countRows(kit, 'journal_entries', id)).toBe(1);
    expect(await countRows(kit, 'draft_entries', id)).toBe(0);
    expect(await countRows(kit, 'locked_periods', id)).toBe(0);

    // Reads stay.
    expect(await trialBalance2026(kit, b.adminToken, b)).toEqual({
      '1100': '0.00/10.00',
      '4000': '10.00/0.00',
    });

    await archive(b, false);
    const again = await post(kit, b.adminToken, {
      administrationId: id,
      lines: simpleLines('20.00'),
    });
    expect(again.userErrors).toEqual([]);
  });

  test('a late archive event older than the last applied one changes nothing', async () => {
    const b = await makeBooks(kit);
    await archive(b, true);
    await archive(b, false);
    // As the handler applies a redelivered "administration.archived" from before the unarchive.
    await kit.ledgerDb.transaction((m) =>
      setBooksArchived(m, b.administrationId, true, new Date('2020-01-01T00:00:00Z')),
    );
    const r = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      lines: simpleLines('5.00'),
    });
    expect(r.userErrors).toEqual([]);
  });
});
