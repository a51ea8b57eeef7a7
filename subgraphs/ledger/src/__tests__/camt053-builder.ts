/**
 * Builds CAMT.053 bank statements for tests (not a test file itself): the shape Dutch banks
 * send, in the layout of camt.053.001.02 (ABN AMRO, ING, Rabobank today) or .08 (Sts/Cd,
 * RltdPties/Dbtr/Pty/Nm).
 */

export interface CamtEntryIn {
  /** Positive amount, e.g. "12.50"; the direction says in or out. */
  amount: string;
  direction: 'CRDT' | 'DBIT';
  bookingDate: string;
  valueDate?: string;
  /** The bank's entry reference (AcctSvcrRef); null leaves it out. */
  ref?: string | null;
  /** Counterparty: the debtor of money in, the creditor of money out. */
  name?: string;
  iban?: string;
  remittance?: string | string[];
  endToEndId?: string;
  status?: string;
  currency?: string;
  /** Replaces the whole <Ntry> (for malformed files). */
  raw?: string;
}

export interface CamtOptions {
  statementId?: string;
  version?: '02' | '08';
  /** Opening (OPBD) and closing (CLBD) balances: signed amount (negative: overdrawn) and date. */
  opening?: [amount: string, date: string];
  closing?: [amount: string, date: string];
}

function balanceXml(code: 'OPBD' | 'CLBD', [amount, date]: [string, string]): string {
  const negative = amount.startsWith('-');
  return `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${negative ? amount.slice(1) : amount}</Amt><CdtDbtInd>${negative ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;
}

export function xmlEscape(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function entryXml(e: CamtEntryIn, version: '02' | '08'): string {
  if (e.raw !== undefined) return e.raw;
  const party = e.direction === 'CRDT' ? 'Dbtr' : 'Cdtr';
  const name = e.name
    ? version === '08'
      ? `<${party}><Pty><Nm>${xmlEscape(e.name)}</Nm></Pty></${party}>`
      : `<${party}><Nm>${xmlEscape(e.name)}</Nm></${party}>`
    : '';
  const account = e.iban ? `<${party}Acct><Id><IBAN>${e.iban}</IBAN></Id></${party}Acct>` : '';
  const lines = e.remittance === undefined ? [] : [e.remittance].flat();
  const status = e.status ?? 'BOOK';
  return `
      <Ntry>
        ${e.ref === null || e.ref === undefined ? '' : `<NtryRef>${xmlEscape(e.ref)}</NtryRef>`}
        <Amt Ccy="${e.currency ?? 'EUR'}">${e.amount}</Amt>
        <CdtDbtInd>${e.direction}</CdtDbtInd>
        ${version === '08' ? `<Sts><Cd>${status}</Cd></Sts>` : `<Sts>${status}</Sts>`}
        <BookgDt><Dt>${e.bookingDate}</Dt></BookgDt>
        <ValDt><Dt>${e.valueDate ?? e.bookingDate}</Dt></ValDt>
        ${e.ref === null || e.ref === undefined ? '' : `<AcctSvcrRef>${xmlEscape(e.ref)}</AcctSvcrRef>`}
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs>${e.endToEndId ? `<EndToEndId>${xmlEscape(e.endToEndId)}</EndToEndId>` : '<EndToEndId>NOTPROVIDED</EndToEndId>'}</Refs>
            <AmtDtls><TxAmt><Amt Ccy="${e.currency ?? 'EUR'}">${e.amount}</Amt></TxAmt></AmtDtls>
            ${name || account ? `<RltdPties>${name}${account}</RltdPties>` : ''}
            ${lines.length > 0 ? `<RmtInf>${lines.map((l) => `<Ustrd>${xmlEscape(l)}</Ustrd>`).join('')}</RmtInf>` : ''}
          </TxDtls>
        </NtryDtls>
      </Ntry>`;
}

/** One statement of `iban` with `entries`, as a CAMT.053 document. */
export function camt053(iban: string, entries: CamtEntryIn[], options: CamtOptions = {}): string {
  return camt053Statements([{ iban, entries }], options);
}

/** A document with several statements (a file may hold one per day or account). */
export function camt053Statements(
  statements: { iban: string; entries: CamtEntryIn[]; id?: string }[],
  options: CamtOptions = {},
): string {
  const version = options.version ?? '02';
  const ns = `urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="${ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>MSG-${options.statementId ?? 'TEST'}</MsgId><CreDtTm>2026-04-01T06:00:00+02:00</CreDtTm></GrpHdr>
    ${statements
      .map(
        (s, i) => `<Stmt>
      <Id>${xmlEscape(s.id ?? options.statementId ?? `STMT-${i + 1}`)}</Id>
      <CreDtTm>2026-04-01T06:00:00+02:00</CreDtTm>
      <Acct><Id><IBAN>${s.iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
      ${balanceXml('OPBD', options.opening ?? ['1000.00', '2026-03-01'])}${options.closing ? balanceXml('CLBD', options.closing) : ''}
      ${s.entries.map((e) => entryXml(e, version)).join('')}
    </Stmt>`,
      )
      .join('\n    ')}
  </BkToCstmrStmt>
</Document>
`;
}

/**
 * `n` entries from day `firstDay` of March 2026, alternating money in and out, each with a
 * unique bank reference "<prefix>-<i>" and amounts 10.01, 20.02, ...
 */
export function someEntries(n: number, prefix = 'REF', firstDay = 1): CamtEntryIn[] {
  return Array.from({ length: n }, (_, i) => {
    const k = i + 1;
    const day = String(Math.min(28, firstDay + i)).padStart(2, '0');
    return {
      amount: `${k * 10}.${String(k).padStart(2, '0').slice(-2)}`,
      direction: i % 2 === 0 ? 'CRDT' : 'DBIT',
      bookingDate: `2026-03-${day}`,
      ref: `${prefix}-${k}`,
      name: `Relatie ${k}`,
      iban: 'NL02ABNA0123456789',
      remittance: `Factuur ${k}`,
      endToEndId: `E2E-${k}`,
    } satisfies CamtEntryIn;
  });
}

/** Two valid Dutch IBANs for bank accounts in tests, and a German one for counterparties. */
export const IBAN = {
  main: 'NL91ABNA0417164300',
  savings: 'NL20INGB0001234567',
  other: 'NL39RABO0300065264',
  german: 'DE89370400440532013000',
};
