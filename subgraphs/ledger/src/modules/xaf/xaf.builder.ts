import { MoneyDecimal, type Decimal } from '@kantoor/platform';
import { XMLBuilder } from 'fast-xml-parser';
import type { AccountType } from '../account/account.type.js';
import { countryOfVatNumber, XAF_COUNTRIES } from './xaf-countries.data.js';

/**
 * Builds an XML Auditfile Financieel (XAF) 3.2, the format auditors and the Belastingdienst
 * read, from what the ledger holds for one fiscal year. Pure: xaf.service.ts gathers the data.
 *
 * Choices where the standard leaves room (check them against the XAF 3.2 manual before
 * relying on them):
 * - accTp: B for ASSET, LIABILITY and EQUITY accounts, P for REVENUE and EXPENSE.
 * - taxonomy per account with an RGS code: taxoRef "RGS", entryPointRef "RGS 3.x (Kantoor)",
 *   conceptRef the RGS code (Kantoor's curated codes, see chart.md).
 * - jrnTp: GENERAL M (memoriaal), SALES S, PURCHASES P, BANK B, CASH C; a bank journal carries
 *   its IBAN (bankAccNr) and, like a cash journal, its ledger account (offsetAccID).
 * - vatCodes: vatToPayAccID is the account of the VAT due (sales codes, and the VAT-due side of
 *   reverse charge), vatToClaimAccID the input-VAT account (purchase codes; the input side of
 *   reverse charge).
 * - a transaction is a posted entry: nr its number, amnt its total debit (amntTp D); each line's
 *   docRef is the entry number. An entered line with a VAT code carries one vat element per
 *   VAT line the ledger booked for it (the VAT lines right after it: for reverse charge two,
 *   the VAT due (C) and the input VAT (D)), or one of 0.00 when none was booked; each VAT line
 *   carries a vat element of its own amount and side (issue 13, item 11). A tool that totals
 *   VAT from the file should therefore read the VAT lines' elements (or the VAT accounts), not
 *   add up every vat element.
 * - customersSuppliers: the administration's customers (debiteuren) as invoicing sent them with
 *   its finalized documents (xaf.service.ts): custSupID the debtor number, custSupTp C. A line
 *   of an entry booked for an invoicing document, and a line whose reference is the number of
 *   an invoice the ledger booked (a payment, a bank match), carries custSupID; invRef is the
 *   line's reference (the open item) or else the document's number.
 * - openingBalance: the balances carried from earlier years of the balance-sheet accounts;
 *   the ledger does not close years, so the result of earlier years is carried on the
 *   unappropriated-result account (see xaf.service.ts). Omitted when nothing was booked
 *   before the year.
 * - Text is escaped by the XML builder (& < > " '); characters XML 1.0 forbids (control
 *   characters) are removed, and text is cut to the length the XSD allows.
 */

export const XAF_NAMESPACE = 'http://www.auditfiles.nl/XAF/3.2';
export const SOFTWARE_DESC = 'Kantoor';
export const SOFTWARE_VERSION = '0.1.0';

export interface XafAccount {
  code: string;
  name: string;
  type: AccountType;
  rgsCode: string | null;
}

export interface XafVatCode {
  code: string;
  description: string;
  vatAccountCode: string | null;
  inputVatAccountCode: string | null;
  direction: 'SALES' | 'PURCHASES';
  reverseCharge: boolean;
}

export interface XafLine {
  lineNo: number;
  kind: 'ENTERED' | 'VAT_DUE' | 'VAT_INPUT' | 'CLOSING';
  accountCode: string;
  debit: Decimal;
  credit: Decimal;
  vatCode: string | null;
  vatRate: Decimal | null;
  description: string | null;
  /** custSupID: a customerSupplier's id in this file. */
  custSupID?: string | null;
  /** invRef: the invoice the line belongs to. */
  invRef?: string | null;
}

export interface XafEntry {
  number: string;
  date: string;
  description: string;
  lines: XafLine[];
}

export interface XafJournal {
  code: string;
  name: string;
  type: 'GENERAL' | 'SALES' | 'PURCHASES' | 'BANK' | 'CASH';
  accountCode: string | null;
  iban: string | null;
  entries: XafEntry[];
}

export interface XafOpeningLine {
  accountCode: string;
  /** debit - credit carried from earlier years; zero balances are left out. */
  balance: Decimal;
}

export interface XafCompany {
  name: string;
  /** KvK number (companyIdent). */
  ident: string | null;
  /** BTW-identificatienummer (taxRegIdent); empty when unknown (the XSD requires the element). */
  vatNumber: string | null;
}

export interface XafCustomerSupplier {
  /** custSupID, unique in the file (the debtor number). */
  id: string;
  name: string;
  vatNumber: string | null;
  kvkNumber: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  countryCode: string | null;
  /** C customer, S supplier, B both. */
  type: 'C' | 'S' | 'B';
}

export interface XafData {
  fiscalYear: number;
  startDate: string;
  endDate: string;
  dateCreated: string;
  company: XafCompany;
  accounts: XafAccount[];
  vatCodes: XafVatCode[];
  journals: XafJournal[];
  opening: XafOpeningLine[];
  customersSuppliers?: XafCustomerSupplier[];
}

const JOURNAL_TYPES: Record<XafJournal['type'], string> = {
  GENERAL: 'M',
  SALES: 'S',
  PURCHASES: 'P',
  BANK: 'B',
  CASH: 'C',
};

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

const ZERO = new MoneyDecimal(0);

/** A UTF-16 code unit XML 1.0 allows in text (tab, newline, carriage return, from space on). */
function allowed(unit: number): boolean {
  return (
    unit === 0x09 ||
    unit === 0x0a ||
    unit === 0x0d ||
    (unit >= 0x20 && unit !== 0x7f && unit < 0xfffe)
  );
}

/** Text as XML 1.0 allows it (no control characters, no lone surrogates), at most `max` long. */
export function xmlText(value: string, max?: number): string {
  let clean = '';
  for (let i = 0; i < value.length; i += 1) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        clean += value[i]! + value[i + 1]!;
        i += 1;
      }
      continue;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) continue;
    if (allowed(unit)) clean += value[i]!;
  }
  if (max === undefined || clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  // Never end on half a surrogate pair.
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

const money = (d: Decimal) => d.toFixed(2);
const side = (debit: Decimal) => (debit.isZero() ? 'C' : 'D');

function lastDay(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface XafVat {
  vatID: string;
  vatPerc: string;
  vatAmnt: string;
  vatAmntTp: string;
}

/**
 * The vat elements of each line (by line number): an entered line with a VAT code gets one
 * per VAT line booked for it (the VAT lines right after it; 0.00 when there are none), a VAT
 * line one of its own amount and side.
 */
function vatOfLines(lines: readonly XafLine[]): Map<number, XafVat[]> {
  const result = new Map<number, XafVat[]>();
  const element = (code: string, rate: Decimal | null, amount: Decimal, debit: boolean) => ({
    vatID: xmlText(code, 35),
    vatPerc: (rate ?? ZERO).toFixed(2),
    vatAmnt: money(amount),
    vatAmntTp: debit ? 'D' : 'C',
  });
  lines.forEach((line, i) => {
    if (line.vatCode === null) return;
    if (line.kind === 'VAT_DUE' || line.kind === 'VAT_INPUT') {
      result.set(line.lineNo, [
        element(line.vatCode, line.vatRate, line.debit.plus(line.credit), !line.debit.isZero()),
      ]);
      return;
    }
    if (line.kind !== 'ENTERED') return;
    const next = lines.slice(i + 1);
    const end = next.findIndex((l) => l.kind === 'ENTERED' || l.kind === 'CLOSING');
    const vatLines = (end === -1 ? next : next.slice(0, end)).filter(
      (l) => l.kind === 'VAT_DUE' || l.kind === 'VAT_INPUT',
    );
    const code = line.vatCode;
    result.set(
      line.lineNo,
      vatLines.length === 0
        ? [element(code, line.vatRate, ZERO, !line.debit.isZero())]
        : vatLines.map((v) =>
            element(code, line.vatRate, v.debit.plus(v.credit), !v.debit.isZero()),
          ),
    );
  });
  return result;
}

/** A customerSupplier element; what XAF cannot hold (too long, unknown country) is cut or left out. */
function customerSupplier(c: XafCustomerSupplier) {
  const vatNumber = c.vatNumber ? xmlText(c.vatNumber.replace(/[\s.]/g, '').toUpperCase(), 30) : '';
  const country = c.countryCode?.trim().toUpperCase() ?? '';
  const registration = vatNumber
    ? (countryOfVatNumber(vatNumber) ?? (XAF_COUNTRIES.has(country) ? country : null))
    : null;
  const address = {
    ...(c.street ? { streetname: xmlText(c.street, 999) } : {}),
    ...(c.city ? { city: xmlText(c.city, 50) } : {}),
    ...(c.postalCode ? { postalCode: xmlText(c.postalCode, 10) } : {}),
    ...(XAF_COUNTRIES.has(country) ? { country } : {}),
  };
  return {
    custSupID: xmlText(c.id, 35),
    custSupName: xmlText(c.name, 50),
    ...(c.kvkNumber ? { commerceNr: xmlText(c.kvkNumber, 999) } : {}),
    ...(vatNumber && registration ? { taxRegistrationCountry: registration } : {}),
    ...(vatNumber ? { taxRegIdent: vatNumber } : {}),
    custSupTp: c.type,
    ...(Object.keys(address).length > 0 ? { streetAddress: address } : {}),
  };
}

/** Line count and totals of the year's transactions (they equal the trial balance). */
export function transactionTotals(journals: readonly XafJournal[]): {
  linesCount: number;
  totalDebit: Decimal;
  totalCredit: Decimal;
} {
  let linesCount = 0;
  let totalDebit: Decimal = ZERO;
  let totalCredit: Decimal = ZERO;
  for (const j of journals) {
    for (const e of j.entries) {
      for (const l of e.lines) {
        linesCount += 1;
        totalDebit = totalDebit.plus(l.debit);
        totalCredit = totalCredit.plus(l.credit);
      }
    }
  }
  return { linesCount, totalDebit, totalCredit };
}

export function buildXaf(data: XafData): string {
  const header = {
    fiscalYear: String(data.fiscalYear),
    startDate: data.startDate,
    endDate: data.endDate,
    curCode: 'EUR',
    dateCreated: data.dateCreated,
    softwareDesc: SOFTWARE_DESC,
    softwareVersion: SOFTWARE_VERSION,
  };

  const vatNumber = data.company.vatNumber ? xmlText(data.company.vatNumber, 30) : '';
  const country = (vatNumber && countryOfVatNumber(vatNumber)) || 'NL';

  const generalLedger = {
    ledgerAccount: data.accounts.map((a) => ({
      accID: xmlText(a.code, 35),
      accDesc: xmlText(a.name, 999),
      accTp: a.type === 'REVENUE' || a.type === 'EXPENSE' ? 'P' : 'B',
      ...(a.rgsCode
        ? {
            taxonomy: {
              taxoRef: 'RGS',
              entryPoint: { entryPointRef: 'RGS 3.x (Kantoor)', conceptRef: xmlText(a.rgsCode) },
            },
          }
        : {}),
    })),
  };

  const vatCodes = {
    vatCode: data.vatCodes.map((v) => {
      const toPay = v.direction === 'SALES' || v.reverseCharge ? v.vatAccountCode : null;
      const toClaim = v.reverseCharge
        ? v.inputVatAccountCode
        : v.direction === 'PURCHASES'
          ? v.vatAccountCode
          : null;
      return {
        vatID: xmlText(v.code, 35),
        vatDesc: xmlText(v.description, 999),
        ...(toPay ? { vatToPayAccID: toPay } : {}),
        ...(toClaim ? { vatToClaimAccID: toClaim } : {}),
      };
    }),
  };

  const periods = {
    period: MONTHS.map((name, i) => ({
      periodNumber: String(i + 1),
      periodDesc: `${name} ${data.fiscalYear}`,
      startDatePeriod: `${data.fiscalYear}-${String(i + 1).padStart(2, '0')}-01`,
      endDatePeriod: lastDay(data.fiscalYear, i + 1),
    })),
  };

  const openingLines = data.opening.filter((o) => !o.balance.isZero());
  const openingDebit = openingLines
    .filter((o) => o.balance.isPositive())
    .reduce((s, o) => s.plus(o.balance), ZERO as Decimal);
  const openingCredit = openingLines
    .filter((o) => o.balance.isNegative())
    .reduce((s, o) => s.plus(o.balance.abs()), ZERO as Decimal);
  const openingBalance =
    openingLines.length === 0
      ? null
      : {
          opBalDate: data.startDate,
          opBalDesc: `Beginbalans ${data.fiscalYear}`,
          linesCount: String(openingLines.length),
          totalDebit: money(openingDebit),
          totalCredit: money(openingCredit),
          obLine: openingLines.map((o, i) => ({
            nr: String(i + 1),
            accID: o.accountCode,
            amnt: money(o.balance.abs()),
            amntTp: o.balance.isPositive() ? 'D' : 'C',
          })),
        };

  const totals = transactionTotals(data.journals);
  const transactions = {
    linesCount: String(totals.linesCount),
    totalDebit: money(totals.totalDebit),
    totalCredit: money(totals.totalCredit),
    journal: data.journals.map((j) => ({
      jrnID: xmlText(j.code, 35),
      desc: xmlText(j.name),
      jrnTp: JOURNAL_TYPES[j.type],
      ...(j.accountCode && (j.type === 'BANK' || j.type === 'CASH')
        ? { offsetAccID: j.accountCode }
        : {}),
      ...(j.iban ? { bankAccNr: j.iban } : {}),
      transaction: j.entries.map((e) => {
        const vat = vatOfLines(e.lines);
        return {
          nr: xmlText(e.number, 35),
          desc: xmlText(e.description),
          periodNumber: String(Number(e.date.slice(5, 7))),
          trDt: e.date,
          amnt: money(e.lines.reduce((s, l) => s.plus(l.debit), ZERO as Decimal)),
          amntTp: 'D',
          trLine: e.lines.map((l) => {
            const lineVat = vat.get(l.lineNo);
            return {
              nr: String(l.lineNo),
              accID: l.accountCode,
              docRef: xmlText(e.number, 999),
              effDate: e.date,
              desc: xmlText(l.description ?? e.description),
              amnt: money(l.debit.plus(l.credit)),
              amntTp: side(l.debit),
              ...(l.custSupID ? { custSupID: xmlText(l.custSupID, 35) } : {}),
              ...(l.invRef ? { invRef: xmlText(l.invRef, 999) } : {}),
              ...(lineVat ? { vat: lineVat } : {}),
            };
          }),
        };
      }),
    })),
  };

  const company = {
    ...(data.company.ident ? { companyIdent: xmlText(data.company.ident, 35) } : {}),
    companyName: xmlText(data.company.name, 999),
    taxRegistrationCountry: country,
    taxRegIdent: vatNumber,
    ...(data.customersSuppliers && data.customersSuppliers.length > 0
      ? { customersSuppliers: { customerSupplier: data.customersSuppliers.map(customerSupplier) } }
      : {}),
    generalLedger,
    vatCodes,
    periods,
    ...(openingBalance ? { openingBalance } : {}),
    transactions,
  };

  const builder = new XMLBuilder({
    format: true,
    indentBy: '  ',
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    suppressEmptyNode: false,
    processEntities: true,
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${
    builder.build({
      auditfile: { '@xmlns': XAF_NAMESPACE, header, company },
    }) as string
  }`;
}
