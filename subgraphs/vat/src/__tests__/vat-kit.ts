/**
 * Test kit of the VAT module's integration tests: the whole system (fresh database, five
 * subgraphs, the real gateway), an office with an administration whose books are open, and
 * bookings through the ledger's postJournalEntry. Not a test file itself.
 */
import type { Permission } from '@kantoor/platform';
import { eventually, type GraphQLResponse } from '@kantoor/platform/testing';
import type { Factories } from '../../../../test/factories';
import { startTestSystemWithFactories, type TestSystem } from '../../../../test/system';

export interface VatKit {
  system: TestSystem;
  make: Factories;
  gql<D = Record<string, unknown>>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<D>>;
  /** Publishes an event as its producer would (in a transaction). */
  publish(type: string, payload: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

export async function startVatKit(): Promise<VatKit> {
  const { system, make } = await startTestSystemWithFactories();
  const tenancy = system.subgraphs.tenancy.runtime;
  return {
    system,
    make,
    gql: (token, query, variables) => system.query(query, { token, variables }),
    publish: (type, payload) =>
      tenancy.dataSource.transaction((m) => tenancy.events.publish(m, type, payload)),
    stop: () => system.stop(),
  };
}

export interface Books {
  officeId: string;
  adminId: string;
  adminToken: string;
  administrationId: string;
}

/** An office (or the given one), its ADMIN, and an administration the ledger and VAT know. */
export async function makeBooks(
  kit: VatKit,
  options: {
    office?: Omit<Books, 'administrationId'>;
    name?: string;
    vatFilingPeriod?: 'MONTH' | 'QUARTER' | 'YEAR';
    vatNumber?: string | null;
    kind?: 'INTERNAL' | 'INTERNAL_WITH_CLIENT_LOGIN';
    clientModules?: string[];
  } = {},
): Promise<Books> {
  let office = options.office;
  if (!office) {
    const o = await kit.make.office();
    const admin = await kit.make.user({ officeId: o.id, officeRole: 'ADMIN' });
    office = { officeId: o.id, adminId: admin.id, adminToken: await kit.make.token(admin.id) };
  }
  const administration = await kit.make.administration({
    officeId: office.officeId,
    name: options.name,
    kind: options.kind,
    clientModules: options.clientModules,
    vatFilingPeriod: options.vatFilingPeriod,
    vatNumber: options.vatNumber === undefined ? 'NL123456789B01' : options.vatNumber,
  });
  const ledger = kit.system.subgraphs.ledger.runtime.dataSource;
  const vat = kit.system.subgraphs.vat.runtime.dataSource;
  await eventually(
    async () => {
      const [books] = await ledger.query(
        'SELECT 1 FROM ledger.books WHERE administration_id = $1',
        [administration.id],
      );
      const [known] = await vat.query(
        `SELECT 1 FROM vat.administrations WHERE administration_id = $1 AND name <> ''`,
        [administration.id],
      );
      return books && known ? true : undefined;
    },
    { what: 'books and the VAT projection' },
  );
  return { ...office, administrationId: administration.id };
}

export async function userWith(
  kit: VatKit,
  books: Books,
  permissions: Permission[],
  kind: 'STAFF' | 'CLIENT' = 'STAFF',
): Promise<{ id: string; token: string }> {
  const user = await kit.make.user({ officeId: books.officeId, kind });
  await kit.make.grant(user.id, books.administrationId, permissions);
  return { id: user.id, token: await kit.make.token(user.id) };
}

export interface UserErrorData {
  field: string[] | null;
  message: string;
  code: string;
}

const POST = `mutation($input: PostJournalEntryInput!) {
  postJournalEntry(input: $input) { entry { id number } userErrors { field message code } }
}`;

export interface Booking {
  date: string;
  vatCode: string | null;
  net: string;
  /** The VAT the ledger adds (hand-computed, half up per line); '0.00' for 0% and reverse charge. */
  vat: string;
  /** A credit note (sales) or purchase credit note: the line on the other side, marked as a correction. */
  credit?: boolean;
  reverseCharge?: boolean;
}

/**
 * Books one VAT-coded line against debtors (sales) or creditors (purchases) through the
 * gateway. Sales credit 8000 (debit for a credit note), purchases debit 7000.
 */
export async function book(
  kit: VatKit,
  books: Books,
  b: Booking,
  direction: 'SALES' | 'PURCHASES' | 'NONE',
): Promise<{ id: string; number: string } | UserErrorData[]> {
  const add = (a: string, c: string) => (Number(a) * 100 + Number(c) * 100) / 100;
  const gross = add(b.net, b.reverseCharge ? '0' : b.vat).toFixed(2);
  const lines =
    direction === 'NONE'
      ? [
          { accountCode: '1100', debit: b.net },
          { accountCode: '1300', credit: b.net },
        ]
      : direction === 'SALES'
        ? b.credit
          ? [
              { accountCode: '8000', debit: b.net, vatCode: b.vatCode, correction: true },
              { accountCode: '1300', credit: gross },
            ]
          : [
              { accountCode: '1300', debit: gross },
              { accountCode: '8000', credit: b.net, vatCode: b.vatCode },
            ]
        : b.credit
          ? [
              { accountCode: '1600', debit: gross },
              { accountCode: '7000', credit: b.net, vatCode: b.vatCode, correction: true },
            ]
          : [
              { accountCode: '7000', debit: b.net, vatCode: b.vatCode },
              { accountCode: '1600', credit: gross },
            ];
  const r = await kit.gql<{
    postJournalEntry: { entry: { id: string; number: string } | null; userErrors: UserErrorData[] };
  }>(books.adminToken, POST, {
    input: {
      administrationId: books.administrationId,
      date: b.date,
      description: `${b.vatCode ?? 'geen btw'} ${b.net}`,
      lines,
    },
  });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  const p = r.data!.postJournalEntry;
  return p.entry ?? p.userErrors;
}

export const RETURN_FIELDS = `id period periodStart periodEnd dueDate status totalDue outdated overdue
  boxes { box turnover vat }
  history { status at by { id } note }
  corrections { period netVat }
  difference { netVat handling carriedInto }`;

export const MUTATION = (
  name: string,
  input = 'VatReturnNoteInput',
) => `mutation($input: ${input}!) {
  ${name}(input: $input) { vatReturn { ${RETURN_FIELDS} } userErrors { field message code } }
}`;

/** Today's UTC date (the periods up to today are listed). */
export const todayUtc = () => new Date().toISOString().slice(0, 10);
