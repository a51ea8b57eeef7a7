/**
 * Test kit of the ledger's integration tests: the whole system (fresh database, five
 * subgraphs, the real gateway) and helpers to set up an office with an administration whose
 * books the ledger opened. Not a test file itself (no .spec.ts); excluded from the build.
 */
import { randomUUID } from 'node:crypto';
import type { Permission } from '@kantoor/platform';
import { eventually, type GraphQLResponse } from '@kantoor/platform/testing';
import type { DataSource } from 'typeorm';
import { Factories } from '../../../../test/factories';
import { startTestSystem, type TestSystem } from '../../../../test/system';

export interface LedgerKit {
  system: TestSystem;
  make: Factories;
  /** The ledger subgraph's own DataSource, for checking what was stored. */
  ledgerDb: DataSource;
  gql<D = Record<string, unknown>>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<D>>;
  /** Publishes a domain event as its producer would (in a transaction). */
  publish(type: string, payload: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

export async function startLedgerKit(
  options?: Parameters<typeof startTestSystem>[0],
): Promise<LedgerKit> {
  const system = await startTestSystem(options);
  const tenancy = system.subgraphs.tenancy.runtime;
  const make = new Factories(tenancy.dataSource, tenancy.events);
  return {
    system,
    make,
    ledgerDb: system.subgraphs.ledger.runtime.dataSource,
    gql: (token, query, variables) => system.query(query, { token, variables }),
    publish: (type, payload) =>
      tenancy.dataSource.transaction((manager) => tenancy.events.publish(manager, type, payload)),
    stop: () => system.stop(),
  };
}

/** Waits (readiness check, not a sleep) until the ledger has opened the books. */
export async function waitForBooks(kit: LedgerKit, administrationId: string): Promise<void> {
  await eventually(
    async () => {
      const rows: unknown[] = await kit.ledgerDb.query(
        'SELECT 1 FROM ledger.books WHERE administration_id = $1',
        [administrationId],
      );
      return rows.length > 0 ? true : undefined;
    },
    { what: 'the ledger to open the books' },
  );
}

export interface Office {
  officeId: string;
  adminId: string;
  adminToken: string;
}

export async function makeOffice(kit: LedgerKit): Promise<Office> {
  const office = await kit.make.office();
  const admin = await kit.make.user({ officeId: office.id, officeRole: 'ADMIN' });
  return { officeId: office.id, adminId: admin.id, adminToken: await kit.make.token(admin.id) };
}

export interface Books extends Office {
  administrationId: string;
}

/** An office, its ADMIN, and an internal administration with open books. */
export async function makeBooks(
  kit: LedgerKit,
  office?: Office,
  options: { kind?: 'INTERNAL' | 'INTERNAL_WITH_CLIENT_LOGIN'; clientModules?: string[] } = {},
): Promise<Books> {
  const o = office ?? (await makeOffice(kit));
  const administration = await kit.make.administration({
    officeId: o.officeId,
    kind: options.kind,
    clientModules: options.clientModules,
  });
  await waitForBooks(kit, administration.id);
  return { ...o, administrationId: administration.id };
}

/** A user of the office with exactly `permissions` in the administration, and a token. */
export async function userWith(
  kit: LedgerKit,
  books: Books,
  permissions: Permission[],
  kind: 'STAFF' | 'CLIENT' = 'STAFF',
): Promise<string> {
  const user = await kit.make.user({ officeId: books.officeId, kind });
  await kit.make.grant(user.id, books.administrationId, permissions);
  return kit.make.token(user.id);
}

export const POST = `mutation Post($input: PostJournalEntryInput!) {
  postJournalEntry(input: $input) {
    entry { id number date description lines { lineNo kind account { code } debit credit vatCode description } }
    userErrors { field message code }
  }
}`;

export interface EntryData {
  id: string;
  number: string;
  date: string;
  description: string;
  lines: {
    lineNo: number;
    kind: string;
    account: { code: string };
    debit: string;
    credit: string;
    vatCode: string | null;
    description: string | null;
  }[];
}

export interface UserErrorData {
  field: string[] | null;
  message: string;
  code: string;
}

export interface PostData {
  postJournalEntry: { entry: EntryData | null; userErrors: UserErrorData[] };
}

export interface LineIn {
  accountCode: string;
  debit?: string;
  credit?: string;
  vatCode?: string;
  description?: string;
  reference?: string;
}

/** Posts through the gateway; returns the payload (and fails on GraphQL errors). */
export async function post(
  kit: LedgerKit,
  token: string,
  input: {
    administrationId: string;
    date?: string;
    description?: string;
    lines: LineIn[];
  } & Record<string, unknown>,
): Promise<PostData['postJournalEntry']> {
  const r = await kit.gql<PostData>(token, POST, {
    input: { date: '2026-03-15', description: 'Boeking', ...input },
  });
  if (r.errors) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  return r.data!.postJournalEntry;
}

/** A simple balanced entry: debit `a`, credit `b`. */
export function simpleLines(amount: string, debit = '4000', credit = '1100'): LineIn[] {
  return [
    { accountCode: debit, debit: amount },
    { accountCode: credit, credit: amount },
  ];
}

/** Counts rows of a ledger table for one administration (to prove nothing was written). */
export async function countRows(
  kit: LedgerKit,
  table: string,
  administrationId: string,
): Promise<number> {
  const [row] = (await kit.ledgerDb.query(
    `SELECT count(*)::int AS n FROM ledger.${table} WHERE administration_id = $1`,
    [administrationId],
  )) as { n: number }[];
  return row!.n;
}

export const uniqueKey = () => randomUUID();

// ---------------------------------------------------------------- bank

export const CREATE_BANK_ACCOUNT = `mutation($input: CreateBankAccountInput!) {
  createBankAccount(input: $input) {
    bankAccount { id iban name journalCode account { code } journal { code type iban } }
    userErrors { field message code }
  }
}`;

export const IMPORT_STATEMENT = `mutation($input: ImportBankStatementInput!) {
  importBankStatement(input: $input) {
    bankAccount { id iban }
    transactionCount newCount knownCount skippedCount statementIds
    userErrors { field message code }
  }
}`;

export const PROCESS_TRANSACTION = `mutation($input: ProcessBankTransactionInput!) {
  processBankTransaction(input: $input) {
    transaction { id processed entry { id } }
    entry { id number date description journal { code }
      lines { lineNo kind account { code } debit credit vatCode } }
    userErrors { field message code }
  }
}`;

export interface ImportData {
  importBankStatement: {
    bankAccount: { id: string; iban: string } | null;
    transactionCount: number | null;
    newCount: number | null;
    knownCount: number | null;
    skippedCount: number | null;
    statementIds: string[] | null;
    userErrors: UserErrorData[];
  };
}

export interface ProcessData {
  processBankTransaction: {
    transaction: { id: string; processed: boolean; entry: { id: string } | null } | null;
    entry:
      | (Omit<EntryData, 'lines'> & {
          journal: { code: string };
          lines: EntryData['lines'];
        })
      | null;
    userErrors: UserErrorData[];
  };
}

/** Makes `iban` a bank account (as the office ADMIN); returns its id. */
export async function makeBankAccount(
  kit: LedgerKit,
  books: Books,
  iban: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const r = await kit.gql<{
    createBankAccount: { bankAccount: { id: string } | null; userErrors: UserErrorData[] };
  }>(books.adminToken, CREATE_BANK_ACCOUNT, {
    input: { administrationId: books.administrationId, iban, ...extra },
  });
  if (r.errors || r.data!.createBankAccount.userErrors.length > 0) {
    throw new Error(`createBankAccount: ${JSON.stringify(r.errors ?? r.data)}`);
  }
  return r.data!.createBankAccount.bankAccount!.id;
}

export async function importStatement(
  kit: LedgerKit,
  token: string,
  books: Books,
  bankAccountId: string,
  camt053: string,
) {
  return kit.gql<ImportData>(token, IMPORT_STATEMENT, {
    input: { administrationId: books.administrationId, bankAccountId, camt053 },
  });
}

export interface BankTransactionData {
  id: string;
  bookingDate: string;
  valueDate: string | null;
  amount: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  description: string | null;
  endToEndId: string | null;
  bankReference: string | null;
  processed: boolean;
  suggestion: { ruleId: string; accountCode: string; vatCode: string | null } | null;
}

/** A bank account's transactions (default: unprocessed), first 100 (the gateway's cost limit). */
export async function bankTransactions(
  kit: LedgerKit,
  token: string,
  books: Books,
  bankAccountId: string,
  status: 'UNPROCESSED' | 'PROCESSED' | 'ALL' = 'UNPROCESSED',
): Promise<{ totalCount: number; unprocessedCount: number; nodes: BankTransactionData[] }> {
  const r = await kit.gql<{
    administration: {
      bankAccounts: {
        id: string;
        unprocessedCount: number;
        transactions: { totalCount: number; edges: { node: BankTransactionData }[] };
      }[];
    };
  }>(
    token,
    `query($id: ID!, $status: BankTransactionStatus) { administration(id: $id) { bankAccounts {
      id unprocessedCount
      transactions(status: $status, first: 100) { totalCount edges { node {
        id bookingDate valueDate amount counterpartyName counterpartyIban description endToEndId
        bankReference processed suggestion { ruleId accountCode vatCode }
      } } }
    } } }`,
    { id: books.administrationId, status },
  );
  if (r.errors) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  const account = r.data!.administration.bankAccounts.find((a) => a.id === bankAccountId)!;
  return {
    totalCount: account.transactions.totalCount,
    unprocessedCount: account.unprocessedCount,
    nodes: account.transactions.edges.map((e) => e.node),
  };
}

/** The trial balance of 2026 as { accountCode: "debit/credit" }. */
export async function trialBalance2026(
  kit: LedgerKit,
  token: string,
  books: Books,
): Promise<Record<string, string>> {
  const r = await kit.gql<{
    administration: {
      trialBalance: { rows: { account: { code: string }; debit: string; credit: string }[] };
    };
  }>(
    token,
    `query($id: ID!) { administration(id: $id) { trialBalance(from: "2026-01-01", to: "2026-12-31") {
      rows { account { code } debit credit } } } }`,
    { id: books.administrationId },
  );
  if (r.errors) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  return Object.fromEntries(
    r.data!.administration.trialBalance.rows.map((row) => [
      row.account.code,
      `${row.debit}/${row.credit}`,
    ]),
  );
}

// ---------------------------------------------------------------- events

/**
 * Subscribes a test queue (no worker: its jobs stay) to `type`, so what the ledger publishes
 * can be read back; returns a reader of the payloads published since, for one administration.
 */
export async function captureEvents(
  kit: LedgerKit,
  type: string,
): Promise<(administrationId: string) => Promise<Record<string, unknown>[]>> {
  const queue = `test.${type}.${randomUUID().slice(0, 8)}`;
  await kit.system.subgraphs.ledger.runtime.events.declare([
    { event: type, queue, handle: async () => undefined },
  ]);
  return async (administrationId) => {
    const rows = (await kit.ledgerDb.query(
      `SELECT data FROM pgboss.job WHERE name = $1 AND data->'payload'->>'administrationId' = $2
        ORDER BY created_on, id`,
      [queue, administrationId],
    )) as { data: { type: string; payload: Record<string, unknown> } }[];
    return rows.map((r) => r.data.payload);
  };
}
