import { isUuid, MoneyDecimal, type Decimal } from '@kantoor/platform';
import type { EntityManager } from 'typeorm';

/**
 * Open items (openstaande posten), read straight from the lines.
 *
 * An open item is a posted ENTERED journal line with a reference on a receivable account
 * (RGS code starting with 'BVorDebHad': 1300 Debiteuren in the default chart) or a payable
 * account (RGS code starting with 'BSchCreHac': 1600 Crediteuren), whose entry was not
 * reversed and is no reversal itself. The RGS prefix is used rather than the code, so an
 * administration with its own chart (e.g. 1301 Debiteuren buitenland) gets its open items too;
 * 'BVorDebHad' (handelsdebiteuren) leaves out 1310 Voorziening dubieuze debiteuren (BVorDeb).
 *
 * Its id is "<entry id>:<line no>"; its open amount is the line amount minus its settlements
 * (open_item_settlements, ledger.settled_amount): those booked against it, and, for a line that
 * offset other items (a credit note, a payment booked by hand), those it made; a settlement
 * whose entries were reversed does not count. Every statement names the administration ($1).
 */

export const RECEIVABLE_RGS_PREFIX = 'BVorDebHad';
export const PAYABLE_RGS_PREFIX = 'BSchCreHac';

export interface OpenItemRow {
  administrationId: string;
  id: string;
  entryId: string;
  lineNo: number;
  accountId: string;
  accountCode: string;
  date: string;
  reference: string;
  description: string;
  /** DEBIT: settled by money coming in (a sales invoice); CREDIT: by money going out. */
  side: 'DEBIT' | 'CREDIT';
  amount: Decimal;
  openAmount: Decimal;
}

interface RawRow {
  administration_id: string;
  entry_id: string;
  line_no: number;
  account_id: string;
  account_code: string;
  entry_date: string;
  entry_sequence: number;
  reference: string;
  description: string;
  is_debit: boolean;
  amount: string;
  open_amount: string;
}

/** Parses "<entry uuid>:<line no>"; null when it is no open item id. */
export function parseOpenItemId(id: string): { entryId: string; lineNo: number } | null {
  const at = id.lastIndexOf(':');
  if (at < 0) return null;
  const entryId = id.slice(0, at);
  const lineNo = Number(id.slice(at + 1));
  if (!isUuid(entryId) || !Number.isInteger(lineNo) || lineNo <= 0 || lineNo > 1_000_000) {
    return null;
  }
  return { entryId: entryId.toLowerCase(), lineNo };
}

const SELECT = `
  SELECT l.administration_id, l.entry_id, l.line_no, l.account_id, a.code AS account_code,
         to_char(l.entry_date, 'YYYY-MM-DD') AS entry_date, l.entry_sequence, l.reference,
         coalesce(l.description, e.description) AS description, l.debit > 0 AS is_debit,
         (l.debit + l.credit)::text AS amount,
         ((l.debit + l.credit) - ledger.settled_amount(l.administration_id, l.entry_id, l.line_no))::text
           AS open_amount
    FROM ledger.journal_entry_lines l
    JOIN ledger.accounts a ON a.administration_id = l.administration_id AND a.id = l.account_id
    JOIN ledger.journal_entries e ON e.administration_id = l.administration_id AND e.id = l.entry_id
   WHERE l.administration_id = ANY($1::uuid[])
     AND l.reference IS NOT NULL AND l.kind = 'ENTERED'
     AND (a.rgs_code LIKE '${RECEIVABLE_RGS_PREFIX}%' OR a.rgs_code LIKE '${PAYABLE_RGS_PREFIX}%')
     AND e.reverses_entry_id IS NULL
     AND NOT EXISTS (SELECT 1 FROM ledger.journal_entries r
                      WHERE r.administration_id = e.administration_id AND r.reverses_entry_id = e.id)`;

function toRow(r: RawRow): OpenItemRow {
  return {
    administrationId: r.administration_id,
    id: `${r.entry_id}:${r.line_no}`,
    entryId: r.entry_id,
    lineNo: r.line_no,
    accountId: r.account_id,
    accountCode: r.account_code,
    date: r.entry_date,
    reference: r.reference,
    description: r.description,
    side: r.is_debit ? 'DEBIT' : 'CREDIT',
    amount: new MoneyDecimal(r.amount),
    openAmount: new MoneyDecimal(r.open_amount),
  };
}

/**
 * Open items of administrations, oldest first (date, entry number, line): with `open`, only
 * those with an open amount > 0; `after` an open item id (keyset), `limit` rows at most.
 */
export async function listOpenItems(
  m: EntityManager,
  administrationIds: readonly string[],
  options: { open: boolean; after?: { entryId: string; lineNo: number } | null; limit?: number },
): Promise<OpenItemRow[]> {
  const params: unknown[] = [administrationIds];
  let where = '';
  if (options.after) {
    params.push(options.after.entryId, options.after.lineNo);
    where = ` AND (l.entry_date, l.entry_sequence, l.line_no) > (
      SELECT k.entry_date, k.entry_sequence, k.line_no FROM ledger.journal_entry_lines k
       WHERE k.administration_id = l.administration_id AND k.entry_id = $2 AND k.line_no = $3)`;
  }
  let sql = `SELECT * FROM (${SELECT}${where}) item`;
  if (options.open) sql += ` WHERE item.open_amount::numeric > 0`;
  sql += ` ORDER BY item.entry_date, item.entry_sequence, item.line_no`;
  if (options.limit !== undefined) {
    params.push(options.limit);
    sql += ` LIMIT $${params.length}`;
  }
  return ((await m.query(sql, params)) as RawRow[]).map(toRow);
}

/** How many items (open ones only when `open`) an administration has. */
export async function countOpenItems(
  m: EntityManager,
  administrationId: string,
  open: boolean,
): Promise<number> {
  let sql = `SELECT count(*)::int AS n FROM (${SELECT}) item`;
  if (open) sql += ` WHERE item.open_amount::numeric > 0`;
  const [row] = (await m.query(sql, [[administrationId]])) as { n: number }[];
  return row?.n ?? 0;
}

/**
 * One open item, its line row locked FOR UPDATE first (so concurrent settlements of the item
 * are ordered: the second sees the first's settlement), then read with its open amount.
 * Null when there is no such open item in the administration.
 */
export async function lockOpenItem(
  m: EntityManager,
  administrationId: string,
  id: { entryId: string; lineNo: number },
): Promise<OpenItemRow | null> {
  const locked = (await m.query(
    `SELECT 1 FROM ledger.journal_entry_lines
      WHERE administration_id = $1 AND entry_id = $2 AND line_no = $3 FOR UPDATE`,
    [administrationId, id.entryId, id.lineNo],
  )) as unknown[];
  if (locked.length === 0) return null;
  const [row] = (await m.query(`${SELECT} AND l.entry_id = $2 AND l.line_no = $3`, [
    [administrationId],
    id.entryId,
    id.lineNo,
  ])) as RawRow[];
  return row ? toRow(row) : null;
}

/**
 * Records that line `settlingLineNo` of `settlingEntryId` settled `amount` of the item
 * (PAYMENT: money or a booking against it; OFFSET: another open item); returns its id.
 */
export async function insertSettlement(
  m: EntityManager,
  administrationId: string,
  item: { entryId: string; lineNo: number },
  settlingEntryId: string,
  settlingLineNo: number,
  amount: Decimal,
  kind: 'PAYMENT' | 'OFFSET' = 'PAYMENT',
): Promise<string> {
  const [row] = (await m.query(
    `INSERT INTO ledger.open_item_settlements
       (administration_id, open_item_entry_id, open_item_line_no, settling_entry_id, settling_line_no, amount, kind)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text AS id`,
    [
      administrationId,
      item.entryId,
      item.lineNo,
      settlingEntryId,
      settlingLineNo,
      amount.toFixed(2),
      kind,
    ],
  )) as { id: string }[];
  return row!.id;
}

/**
 * Automatic offsetting (issue 13, item 3): each open-item line of the just-booked entry
 * `entryId` (a reference on a receivable or payable account) is matched against the open
 * items with the same reference on the same account and the other side, oldest first, for as
 * much as both have open: a credit note with its invoice's reference, a payment booked by hand
 * with the invoice number. Those items' lines are locked FOR UPDATE first (concurrent
 * settlements of one item are ordered). Returns the offsets made.
 */
export async function offsetOpenItems(
  m: EntityManager,
  administrationId: string,
  entryId: string,
): Promise<{ item: OpenItemRow; settling: OpenItemRow; amount: Decimal; settlementId: string }[]> {
  const fresh = (
    (await m.query(`${SELECT} AND l.entry_id = $2 ORDER BY l.line_no`, [
      [administrationId],
      entryId,
    ])) as RawRow[]
  ).map(toRow);
  const made: {
    item: OpenItemRow;
    settling: OpenItemRow;
    amount: Decimal;
    settlementId: string;
  }[] = [];
  for (const line of fresh) {
    let remaining = line.openAmount;
    if (remaining.lessThanOrEqualTo(0)) continue;
    await m.query(
      `SELECT 1 FROM ledger.journal_entry_lines l
        WHERE l.administration_id = $1 AND l.account_id = $2 AND l.reference = $3
          AND l.entry_id <> $4 AND l.kind = 'ENTERED' AND (l.debit > 0) = $5
        ORDER BY l.entry_date, l.entry_sequence, l.line_no FOR UPDATE`,
      [administrationId, line.accountId, line.reference, entryId, line.side === 'CREDIT'],
    );
    const candidates = (
      (await m.query(
        `SELECT * FROM (${SELECT} AND l.account_id = $2 AND l.reference = $3 AND l.entry_id <> $4
          AND (l.debit > 0) = $5) item
        WHERE item.open_amount::numeric > 0
        ORDER BY item.entry_date, item.entry_sequence, item.line_no`,
        [[administrationId], line.accountId, line.reference, entryId, line.side === 'CREDIT'],
      )) as RawRow[]
    ).map(toRow);
    for (const item of candidates) {
      if (remaining.lessThanOrEqualTo(0)) break;
      const amount = MoneyDecimal.min(remaining, item.openAmount) as Decimal;
      const settlementId = await insertSettlement(
        m,
        administrationId,
        item,
        line.entryId,
        line.lineNo,
        amount,
        'OFFSET',
      );
      made.push({ item, settling: line, amount, settlementId });
      remaining = remaining.minus(amount);
    }
  }
  return made;
}
