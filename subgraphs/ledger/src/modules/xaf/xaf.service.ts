import { isUuid, MoneyDecimal, scoped, type Decimal } from '@kantoor/platform';
import { GraphQLError } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import { AccountEntity } from '../account/account.entity.js';
import type { AccountType } from '../account/account.type.js';
import { isUnappropriatedResultRgsCode } from '../common/rgs.calc.js';
import { fiscalYearOf } from '../entry/entry.calc.js';
import {
  buildXaf,
  type XafAccount,
  type XafCustomerSupplier,
  type XafEntry,
  type XafJournal,
  type XafOpeningLine,
  type XafVatCode,
} from './xaf.builder.js';

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

interface LineRow {
  entry_id: string;
  journal_id: string;
  number: string;
  entry_date: string;
  description: string;
  line_no: number;
  kind: 'ENTERED' | 'VAT_DUE' | 'VAT_INPUT' | 'CLOSING';
  account_code: string;
  debit: string;
  credit: string;
  vat_code: string | null;
  vat_rate: string | null;
  line_description: string | null;
  reference: string | null;
}

/**
 * The XML Auditfile Financieel (XAF 3.2) of one fiscal year, read in one REPEATABLE READ
 * transaction so that lines, totals and opening balance are one consistent snapshot.
 */
export class XafService {
  constructor(private readonly db: DataSource) {}

  /** Null when the ledger has not opened the administration's books. */
  async auditFile(administrationId: string, fiscalYear: number): Promise<string | null> {
    if (!Number.isInteger(fiscalYear) || fiscalYear < 1900 || fiscalYear > 9999) {
      throw badInput('fiscalYear is a year such as 2026.');
    }
    if (!isUuid(administrationId)) return null;
    const { startDate, endDate } = fiscalYearOf(`${fiscalYear}-01-01`);
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const books: unknown[] = await m.query(
        'SELECT 1 FROM ledger.books WHERE administration_id = $1',
        [administrationId],
      );
      if (books.length === 0) return null;
      const accounts = await scoped(m, AccountEntity, administrationId).find({
        order: { code: 'ASC' },
      });
      // The company as tenancy has it (xaf.events.ts), never from the caller.
      const [company] = (await m.query(
        `SELECT name, vat_number, kvk_number FROM ledger.administration_details
          WHERE administration_id = $1`,
        [administrationId],
      )) as { name: string | null; vat_number: string | null; kvk_number: string | null }[];
      const vatNumber =
        company?.vat_number?.replace(/[\s.]/g, '').toUpperCase().slice(0, 30) || null;
      const kvkNumber = company?.kvk_number?.trim().slice(0, 35) || null;
      const parties = await customersSuppliers(m, administrationId);
      return buildXaf({
        fiscalYear,
        startDate,
        endDate,
        dateCreated: new Date().toISOString().slice(0, 10),
        company: {
          name: company?.name?.trim() || `Administratie ${administrationId}`,
          ident: kvkNumber,
          vatNumber,
        },
        accounts: accounts.map((a): XafAccount => ({
          code: a.code,
          name: a.name,
          type: a.type,
          rgsCode: a.rgsCode,
        })),
        vatCodes: await vatCodes(m, administrationId),
        journals: await journals(m, administrationId, startDate, endDate, parties),
        opening: await opening(m, administrationId, startDate, accounts),
        customersSuppliers: parties.list,
      });
    });
  }
}

async function vatCodes(m: EntityManager, administrationId: string): Promise<XafVatCode[]> {
  const rows: {
    code: string;
    description: string;
    direction: 'SALES' | 'PURCHASES';
    reverse_charge: boolean;
    vat_account_code: string | null;
    input_vat_account_code: string | null;
  }[] = await m.query(
    `SELECT v.code, v.description, v.direction, v.reverse_charge,
            va.code AS vat_account_code, ia.code AS input_vat_account_code
       FROM ledger.vat_codes v
       LEFT JOIN ledger.accounts va ON va.administration_id = v.administration_id AND va.id = v.vat_account_id
       LEFT JOIN ledger.accounts ia ON ia.administration_id = v.administration_id AND ia.id = v.input_vat_account_id
      WHERE v.administration_id = $1
      ORDER BY v.code`,
    [administrationId],
  );
  return rows.map((r) => ({
    code: r.code,
    description: r.description,
    direction: r.direction,
    reverseCharge: r.reverse_charge,
    vatAccountCode: r.vat_account_code,
    inputVatAccountCode: r.input_vat_account_code,
  }));
}

/** The customers and suppliers of the file, and what tells which line belongs to which. */
interface Parties {
  list: XafCustomerSupplier[];
  /** entry id -> its invoicing document: customer's custSupID (if known) and document number. */
  byEntry: Map<string, { custSupID: string | null; documentNumber: string | null }>;
  /** invoice number -> custSupID of its customer (a payment's or bank match's reference). */
  byInvoiceNumber: Map<string, string>;
}

/**
 * The ledger's copy of invoicing's customers (invoicing-booking.service.ts keeps it from
 * "invoicing.document-finalized"), with custSupIDs unique in the file: the debtor number, cut
 * to the 35 characters XAF allows and made unique should two copies share one. And, from
 * ledger.invoicing_bookings, which entry was booked for which document and customer (a
 * payment names its invoice, whose booking names the customer).
 */
async function customersSuppliers(m: EntityManager, administrationId: string): Promise<Parties> {
  const rows: {
    id: string;
    number: string;
    name: string;
    vat_number: string | null;
    kvk_number: string | null;
    street: string | null;
    postal_code: string | null;
    city: string | null;
    country_code: string | null;
  }[] = await m.query(
    `SELECT id, number, name, vat_number, kvk_number, street, postal_code, city, country_code
       FROM ledger.customers_suppliers
      WHERE administration_id = $1
      ORDER BY number, id`,
    [administrationId],
  );
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  const list = rows.map((r): XafCustomerSupplier => {
    let id = r.number.slice(0, 35);
    for (let n = 2; taken.has(id); n += 1) id = `${r.number.slice(0, 30)}~${n}`;
    taken.add(id);
    ids.set(r.id, id);
    return {
      id,
      name: r.name,
      vatNumber: r.vat_number,
      kvkNumber: r.kvk_number,
      street: r.street,
      postalCode: r.postal_code,
      city: r.city,
      countryCode: r.country_code,
      type: 'C',
    };
  });
  const bookings: {
    entry_id: string;
    kind: string;
    document_number: string | null;
    customer_id: string | null;
  }[] = await m.query(
    `SELECT b.entry_id, b.kind, coalesce(b.document_number, i.document_number) AS document_number,
            coalesce(b.customer_id, i.customer_id) AS customer_id
       FROM ledger.invoicing_bookings b
       LEFT JOIN ledger.invoicing_bookings i
         ON i.administration_id = b.administration_id AND i.document_id = b.invoice_id
      WHERE b.administration_id = $1 AND b.status = 'BOOKED' AND b.entry_id IS NOT NULL`,
    [administrationId],
  );
  const byEntry: Parties['byEntry'] = new Map();
  const byInvoiceNumber = new Map<string, string>();
  for (const b of bookings) {
    const custSupID = (b.customer_id && ids.get(b.customer_id)) || null;
    byEntry.set(b.entry_id, { custSupID, documentNumber: b.document_number });
    if (b.kind === 'INVOICE' && b.document_number && custSupID) {
      byInvoiceNumber.set(b.document_number, custSupID);
    }
  }
  return { list, byEntry, byInvoiceNumber };
}

/** Every journal (by code) with the year's entries in date and number order. */
async function journals(
  m: EntityManager,
  administrationId: string,
  startDate: string,
  endDate: string,
  parties: Parties,
): Promise<XafJournal[]> {
  const list: {
    id: string;
    code: string;
    name: string;
    type: XafJournal['type'];
    account_code: string | null;
    iban: string | null;
  }[] = await m.query(
    `SELECT j.id, j.code, j.name, j.type, a.code AS account_code, j.iban
       FROM ledger.journals j
       LEFT JOIN ledger.accounts a ON a.administration_id = j.administration_id AND a.id = j.account_id
      WHERE j.administration_id = $1
      ORDER BY j.code`,
    [administrationId],
  );
  const lines: LineRow[] = await m.query(
    `SELECT e.id AS entry_id, e.journal_id, e.number, e.entry_date::text AS entry_date, e.description,
            l.line_no, l.kind, a.code AS account_code, l.debit::text AS debit, l.credit::text AS credit,
            l.vat_code, v.rate::text AS vat_rate, l.description AS line_description, l.reference
       FROM ledger.journal_entries e
       JOIN ledger.journal_entry_lines l
         ON l.administration_id = e.administration_id AND l.entry_id = e.id
       JOIN ledger.accounts a ON a.administration_id = l.administration_id AND a.id = l.account_id
       LEFT JOIN ledger.vat_codes v ON v.administration_id = l.administration_id AND v.code = l.vat_code
      WHERE e.administration_id = $1
        AND e.entry_date BETWEEN CAST($2 AS date) AND CAST($3 AS date)
      ORDER BY e.entry_date, e.sequence, l.line_no`,
    [administrationId, startDate, endDate],
  );
  const entries = new Map<string, XafEntry & { journalId: string }>();
  for (const r of lines) {
    let entry = entries.get(r.entry_id);
    if (!entry) {
      entry = {
        journalId: r.journal_id,
        number: r.number,
        date: r.entry_date,
        description: r.description,
        lines: [],
      };
      entries.set(r.entry_id, entry);
    }
    entry.lines.push({
      lineNo: r.line_no,
      kind: r.kind,
      accountCode: r.account_code,
      debit: new MoneyDecimal(r.debit),
      credit: new MoneyDecimal(r.credit),
      vatCode: r.vat_code,
      vatRate: r.vat_rate === null ? null : new MoneyDecimal(r.vat_rate),
      description: r.line_description,
      // The document the entry was booked for, else the invoice the line's reference names.
      custSupID:
        parties.byEntry.get(r.entry_id)?.custSupID ??
        (r.reference ? parties.byInvoiceNumber.get(r.reference) : undefined) ??
        null,
      invRef: r.reference ?? parties.byEntry.get(r.entry_id)?.documentNumber ?? null,
    });
  }
  const byJournal = new Map<string, XafEntry[]>();
  for (const { journalId, ...entry } of entries.values()) {
    const listed = byJournal.get(journalId) ?? [];
    listed.push(entry);
    byJournal.set(journalId, listed);
  }
  return list.map((j) => ({
    code: j.code,
    name: j.name,
    type: j.type,
    accountCode: j.account_code,
    iban: j.iban,
    entries: byJournal.get(j.id) ?? [],
  }));
}

/**
 * The balances carried into the year: every balance-sheet account's balance of the lines
 * before `startDate`. The ledger does not close years, so the profit and loss of earlier years
 * is carried as one line on the unappropriated-result account (RGS BEivOnv..., else the first
 * equity account by code); without an equity account the profit-and-loss accounts carry their
 * own balances. The lines then balance, as the entries before them did.
 */
async function opening(
  m: EntityManager,
  administrationId: string,
  startDate: string,
  accounts: readonly AccountEntity[],
): Promise<XafOpeningLine[]> {
  const sums: { account_id: string; balance: string }[] = await m.query(
    `SELECT l.account_id, (sum(l.debit) - sum(l.credit))::text AS balance
       FROM ledger.journal_entry_lines l
      WHERE l.administration_id = $1 AND l.entry_date < CAST($2 AS date)
      GROUP BY l.account_id`,
    [administrationId, startDate],
  );
  if (sums.length === 0) return [];
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const isResult = (type: AccountType) => type === 'REVENUE' || type === 'EXPENSE';
  const resultAccount =
    accounts.find((a) => a.type === 'EQUITY' && isUnappropriatedResultRgsCode(a.rgsCode)) ??
    accounts.find((a) => a.type === 'EQUITY') ??
    null;
  const balances = new Map<string, Decimal>();
  let earlierResult: Decimal = new MoneyDecimal(0);
  for (const s of sums) {
    const account = byId.get(s.account_id)!;
    const balance = new MoneyDecimal(s.balance);
    if (isResult(account.type) && resultAccount) {
      earlierResult = earlierResult.plus(balance);
      continue;
    }
    balances.set(account.code, (balances.get(account.code) ?? new MoneyDecimal(0)).plus(balance));
  }
  if (resultAccount && !earlierResult.isZero()) {
    balances.set(
      resultAccount.code,
      (balances.get(resultAccount.code) ?? new MoneyDecimal(0)).plus(earlierResult),
    );
  }
  return [...balances]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([accountCode, balance]) => ({ accountCode, balance }));
}
