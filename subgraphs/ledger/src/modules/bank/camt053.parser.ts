import { isCalendarDate, MoneyDecimal, type Decimal } from '@kantoor/platform';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { ErrorList, ledgerError } from '../common/ledger.errors.js';

/**
 * Reads a CAMT.053 bank-to-customer statement (ISO 20022, the XML Dutch banks offer for
 * download; versions camt.053.001.02 up to .13): Document/BkToCstmrStmt/Stmt/Ntry.
 *
 * Per entry (Ntry): the amount (Amt, EUR only) signed by CdtDbtInd (CRDT money in, DBIT money
 * out; a reversal's CdtDbtInd already says the direction it books), the booking and value
 * dates (BookgDt/ValDt, Dt or DtTm), the bank's entry reference (AcctSvcrRef), and from the
 * transaction details (NtryDtls/TxDtls, when there is exactly one) the counterparty: the
 * debtor (Dbtr, DbtrAcct) of money in, the creditor (Cdtr, CdtrAcct) of money out, as
 * RltdPties/Dbtr/Nm (v02) or RltdPties/Dbtr/Pty/Nm (v08+); the remittance information
 * (RmtInf/Ustrd lines joined, else the structured reference RmtInf/Strd/CdtrRefInf/Ref, else
 * AddtlNtryInf) and the EndToEndId ("NOTPROVIDED" counts as none).
 *
 * Entries whose status (Sts or Sts/Cd) is not BOOK (pending or information only) are skipped
 * and counted. Anything unreadable is refused as a whole: NOT_CAMT053 when the text is no
 * XML or no CAMT.053 document, MALFORMED_STATEMENT (one userError per problem, at most 50,
 * each naming the statement and entry) when an entry lacks what a booking needs. A DOCTYPE
 * is refused (no bank sends one; it is the door to entity-expansion attacks), and so is a
 * document nested deeper than MAX_DEPTH elements: the parser stops there itself
 * (fast-xml-parser's maxNestedTags), before the well-formedness check walks the file, so a
 * file nested 20,000 deep is refused in milliseconds (issue 15).
 */

export interface CamtEntry {
  /** Position in the file: statement and entry index, from 0. */
  statementIndex: number;
  entryIndex: number;
  bookingDate: string;
  valueDate: string | null;
  /** Signed: money in > 0, money out < 0. */
  amount: Decimal;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  remittance: string | null;
  endToEndId: string | null;
  /** The bank's entry reference (AcctSvcrRef). */
  bankReference: string | null;
}

export interface CamtBalance {
  /** Signed: a credit balance (money on the account) > 0, a debit balance (overdrawn) < 0. */
  amount: Decimal;
  date: string;
}

export interface CamtStatement {
  /** Stmt/Id, when given. */
  id: string | null;
  /** The statement's account IBAN, electronic format. */
  iban: string;
  entries: CamtEntry[];
  /** Bal with Tp/CdOrPrtry/Cd OPBD (or PRCD, the previous closing); null when absent or unreadable. */
  openingBalance: CamtBalance | null;
  /** Bal with Cd CLBD; null when absent or unreadable. */
  closingBalance: CamtBalance | null;
  /** The sum of the statement's booked entries (signed). */
  entriesTotal: Decimal;
}

/** The statement's balance of one of `codes` (Bal/Tp/CdOrPrtry/Cd), when readable. */
function balanceOf(stmt: Node, codes: string[]): CamtBalance | null {
  for (const bal of list(stmt['Bal'])) {
    const code = text(at(bal, 'Tp', 'CdOrPrtry', 'Cd'));
    if (!code || !codes.includes(code)) continue;
    const amountText = text(bal['Amt']);
    const indicator = text(bal['CdtDbtInd']);
    const date = dateOf(bal['Dt']);
    if (amountText === null || !AMOUNT.test(amountText) || !isCalendarDate(date)) return null;
    if (indicator !== 'CRDT' && indicator !== 'DBIT') return null;
    const amount = new MoneyDecimal(amountText);
    return { amount: indicator === 'CRDT' ? amount : amount.negated(), date: date! };
  }
  return null;
}

export interface CamtDocument {
  statements: CamtStatement[];
  /** Entries not booked yet (Sts PDNG or INFO), left out. */
  skipped: number;
}

const MAX_ERRORS = 50;
const MAX_NAME = 140;
const MAX_REMITTANCE = 1000;
const MAX_REFERENCE = 140;
const CAMT053_NAMESPACE =
  /xmlns(?::[\w.-]+)?\s*=\s*["']urn:iso:std:iso:20022:tech:xsd:camt\.053\.\d{3}\.\d{2}["']/;
const AMOUNT = /^\d{1,16}(\.\d{1,2})?$/;
/**
 * The deepest element nesting read. CAMT.053's deepest paths (e.g. Document/BkToCstmrStmt/
 * Stmt/Ntry/NtryDtls/TxDtls/RltdPties/Dbtr/Pty/PstlAdr/AdrLine, or supplementary data) stay
 * well under 30 levels.
 */
export const MAX_DEPTH = 64;

type Node = Record<string, unknown>;

const ARRAYS = new Set(['Stmt', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd', 'Bal']);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Everything stays text: amounts never pass through a float.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name),
  maxNestedTags: MAX_DEPTH,
});

/** fast-xml-parser's error when a document nests deeper than maxNestedTags. */
const TOO_DEEP = /maximum nested tags exceeded/i;

function node(value: unknown): Node | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Node)
    : null;
}

function list(value: unknown): Node[] {
  if (Array.isArray(value)) return value.map(node).filter((n): n is Node => n !== null);
  const one = node(value);
  return one ? [one] : [];
}

/** The text of an element (with or without attributes); null when absent or empty. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  const n = node(value);
  if (n && typeof n['#text'] === 'string') return text(n['#text']);
  return null;
}

function at(root: unknown, ...path: string[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    const n = Array.isArray(value) ? node(value[0]) : node(value);
    if (!n) return undefined;
    value = n[key];
  }
  return value;
}

function clip(value: string | null, max: number): string | null {
  if (value === null) return null;
  const clean = value.replace(/\s+/g, ' ').trim();
  if (clean === '') return null;
  return clean.length > max ? clean.slice(0, max) : clean;
}

/** Dt, or the date part of DtTm. */
function dateOf(value: unknown): string | null {
  const d = text(at(value, 'Dt')) ?? text(at(value, 'DtTm'))?.slice(0, 10) ?? null;
  return d;
}

/** An IBAN in electronic format when it is one, else the account id as given (or null). */
function accountOf(value: unknown): string | null {
  const iban = text(at(value, 'Id', 'IBAN'));
  if (iban) {
    const electronic = electronicFormatIBAN(iban);
    return electronic && isValidIBAN(electronic) ? electronic : clip(iban, 34);
  }
  return clip(text(at(value, 'Id', 'Othr', 'Id')), 34);
}

function partyName(value: unknown): string | null {
  return clip(text(at(value, 'Nm')) ?? text(at(value, 'Pty', 'Nm')), MAX_NAME);
}

function remittanceOf(tx: Node | null, entry: Node): string | null {
  const rmt = tx ? at(tx, 'RmtInf') : undefined;
  const lines = (Array.isArray(at(rmt, 'Ustrd')) ? (at(rmt, 'Ustrd') as unknown[]) : [])
    .map(text)
    .filter((t): t is string => t !== null);
  if (lines.length > 0) return clip(lines.join(' '), MAX_REMITTANCE);
  const structured = list(at(rmt, 'Strd'))
    .map((s) => text(at(s, 'CdtrRefInf', 'Ref')))
    .filter((t): t is string => t !== null);
  if (structured.length > 0) return clip(structured.join(' '), MAX_REMITTANCE);
  return clip(text(entry['AddtlNtryInf']) ?? (tx ? text(tx['AddtlTxInf']) : null), MAX_REMITTANCE);
}

/** Refuses (NOT_CAMT053) anything that is not a CAMT.053 document; returns its statements. */
function documentOf(xml: string): Node[] {
  const notCamt = (why: string) =>
    ledgerError('NOT_CAMT053', `This is not a CAMT.053 bank statement: ${why}.`, [
      'input',
      'camt053',
    ]);
  const body = xml.replace(/^\uFEFF/, '').trim();
  if (body === '' || !body.startsWith('<')) throw notCamt('the file is not XML');
  if (/<!DOCTYPE/i.test(body)) throw notCamt('a DOCTYPE is not allowed');
  // Parsed first: the parser stops at MAX_DEPTH; the validator would walk every level.
  let document: unknown;
  try {
    document = parser.parse(body);
  } catch (error) {
    if (error instanceof Error && TOO_DEEP.test(error.message)) {
      throw notCamt(`its elements are nested deeper than ${MAX_DEPTH} levels`);
    }
    throw notCamt('the XML is not well-formed');
  }
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    throw notCamt(`the XML is not well-formed (line ${valid.err.line}: ${valid.err.msg})`);
  }
  const parsed = node(document);
  const statement = node(at(parsed, 'Document', 'BkToCstmrStmt'));
  if (!statement) {
    throw notCamt('there is no Document/BkToCstmrStmt (camt.052 and camt.054 are not statements)');
  }
  if (!CAMT053_NAMESPACE.test(body)) {
    throw notCamt('the camt.053 namespace (urn:iso:std:iso:20022:tech:xsd:camt.053...) is missing');
  }
  const statements = list(statement['Stmt']);
  if (statements.length === 0) throw notCamt('it holds no statement (Stmt)');
  return statements;
}

/** Parses a CAMT.053 document; see the module comment for what is read and refused. */
export function parseCamt053(xml: string): CamtDocument {
  const statements = documentOf(xml);
  const errors = new ErrorList();
  const problem = (field: string[], message: string) => {
    if (errors.errors.length < MAX_ERRORS) {
      errors.add('MALFORMED_STATEMENT', message, ['input', 'camt053', ...field]);
    }
  };
  let skipped = 0;
  const result: CamtStatement[] = [];
  statements.forEach((stmt, s) => {
    const stmtPath = ['Stmt', String(s)];
    const rawIban = text(at(stmt, 'Acct', 'Id', 'IBAN'));
    const iban = rawIban ? electronicFormatIBAN(rawIban) : null;
    if (!iban || !isValidIBAN(iban)) {
      problem(
        [...stmtPath, 'Acct', 'Id', 'IBAN'],
        `Statement ${s + 1}: no valid account IBAN (Acct/Id/IBAN)${rawIban ? ` ("${rawIban}")` : ''}.`,
      );
    }
    const entries: CamtEntry[] = [];
    list(stmt['Ntry']).forEach((entry, e) => {
      const path = [...stmtPath, 'Ntry', String(e)];
      const reference = clip(
        text(entry['AcctSvcrRef']) ?? text(at(entry, 'NtryDtls', 'TxDtls', 'Refs', 'AcctSvcrRef')),
        MAX_REFERENCE,
      );
      const name = `Statement ${s + 1}, entry ${e + 1}${reference ? ` (AcctSvcrRef ${reference})` : ''}`;
      const status = text(entry['Sts']) ?? text(at(entry, 'Sts', 'Cd'));
      if (status !== null && status !== 'BOOK') {
        skipped += 1;
        return;
      }
      const amountText = text(entry['Amt']);
      const currency = text(at(entry, 'Amt', '@Ccy'));
      const indicator = text(entry['CdtDbtInd']);
      const bookingDate = dateOf(entry['BookgDt']);
      const valueDate = dateOf(entry['ValDt']);
      let ok = true;
      if (amountText === null || !AMOUNT.test(amountText)) {
        problem(
          [...path, 'Amt'],
          `${name}: Amt "${amountText ?? ''}" is not an amount such as "12.34".`,
        );
        ok = false;
      } else if (new MoneyDecimal(amountText).isZero()) {
        problem([...path, 'Amt'], `${name}: the amount is 0.00; there is nothing to book.`);
        ok = false;
      }
      if (currency !== 'EUR') {
        problem(
          [...path, 'Amt', '@Ccy'],
          `${name}: only EUR is supported (Ccy "${currency ?? ''}").`,
        );
        ok = false;
      }
      if (indicator !== 'CRDT' && indicator !== 'DBIT') {
        problem(
          [...path, 'CdtDbtInd'],
          `${name}: CdtDbtInd is "${indicator ?? ''}", not CRDT or DBIT.`,
        );
        ok = false;
      }
      if (!isCalendarDate(bookingDate)) {
        problem([...path, 'BookgDt'], `${name}: BookgDt "${bookingDate ?? ''}" is not a date.`);
        ok = false;
      }
      if (valueDate !== null && !isCalendarDate(valueDate)) {
        problem([...path, 'ValDt'], `${name}: ValDt "${valueDate}" is not a date.`);
        ok = false;
      }
      if (!ok) return;
      const details = list(entry['NtryDtls']).flatMap((d) => list(d['TxDtls']));
      const tx = details.length === 1 ? details[0]! : null;
      const moneyIn = indicator === 'CRDT';
      const parties = tx ? at(tx, 'RltdPties') : undefined;
      const endToEnd = tx ? text(at(tx, 'Refs', 'EndToEndId')) : null;
      const amount = new MoneyDecimal(amountText!);
      entries.push({
        statementIndex: s,
        entryIndex: e,
        bookingDate: bookingDate!,
        valueDate,
        amount: moneyIn ? amount : amount.negated(),
        counterpartyName: partyName(at(parties, moneyIn ? 'Dbtr' : 'Cdtr')),
        counterpartyIban: accountOf(at(parties, moneyIn ? 'DbtrAcct' : 'CdtrAcct')),
        remittance:
          details.length > 1
            ? clip(
                `${details.length} transacties${text(entry['AddtlNtryInf']) ? `: ${text(entry['AddtlNtryInf'])}` : ''}`,
                MAX_REMITTANCE,
              )
            : remittanceOf(tx, entry),
        endToEndId:
          endToEnd && endToEnd.toUpperCase() !== 'NOTPROVIDED'
            ? clip(endToEnd, MAX_REFERENCE)
            : null,
        bankReference: reference,
      });
    });
    result.push({
      id: clip(text(stmt['Id']), MAX_REFERENCE),
      iban: iban ?? '',
      entries,
      openingBalance: balanceOf(stmt, ['OPBD', 'PRCD']),
      closingBalance: balanceOf(stmt, ['CLBD']),
      entriesTotal: entries.reduce((sum, e) => sum.plus(e.amount), new MoneyDecimal(0) as Decimal),
    });
  });
  errors.throwIfAny();
  return { statements: result, skipped };
}
