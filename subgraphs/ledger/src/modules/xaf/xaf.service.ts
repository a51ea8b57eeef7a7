import { isUuid, MoneyDecimal, scoped, type Decimal } from '@kantoor/platform';
import { GraphQLError } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import { AccountEntity } from '../account/account.entity.js';
import type { AccountType } from '../account/account.type.js';
import { isUnappropriatedResultRgsCode } from '../common/rgs.calc.js';
import { fiscalYearOf } from '../entry/entry.calc.js';
import {
  balancesBefore,
  bookedDocumentRows,
  booksRow,
  companyDetails,
  customerSupplierRows,
  journalRows,
  lineRows,
  vatCodeRows,
} from './xaf.sql.js';
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
      const books = await booksRow(m, administrationId);
      if (books.length === 0) return null;
      const accounts = await scoped(m, AccountEntity, administrationId).find({
        order: { code: 'ASC' },
      });
      // The company as tenancy has it (xaf.events.ts), never from the caller.
      const [company] = await companyDetails(m, administrationId);
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
  const rows = await vatCodeRows(m, administrationId);
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
  const rows = await customerSupplierRows(m, administrationId);
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
  const bookings = await bookedDocumentRows(m, administrationId);
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
  const list = await journalRows(m, administrationId);
  const lines = await lineRows(m, administrationId, startDate, endDate);
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
  const sums = await balancesBefore(m, administrationId, startDate);
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
