import {
  isCalendarDate,
  isUuid,
  MoneyDecimal,
  type Subscription,
  type SubgraphRuntime,
} from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import { VAT_FILING_PERIODS, type VatFilingPeriod } from '../vat-return/vat-period.calc.js';

/** What the VAT module reads of tenancy's administration.created / administration.updated. */
interface AdministrationChanged {
  administrationId: string;
  officeId?: string | null;
  name?: string;
  vatFilingPeriod?: string;
  vatNumber?: string | null;
}

/** What it reads of the ledger's "ledger.entry-posted" (see the ledger's entry.events.ts). */
interface EntryPosted {
  administrationId: string;
  entryId: string;
  date: string;
  vatLines?: {
    lineNo?: number;
    vatCode: string;
    turnoverBox: string | null;
    vatBox: string | null;
    base: string;
    vat: string;
    side: 'DEBIT' | 'CREDIT';
    direction?: 'SALES' | 'PURCHASES';
    reverseCharge?: boolean;
  }[];
}

/** What it reads of invoicing's "invoicing.document-finalized" (the notes' contract). */
interface DocumentFinalized {
  administrationId: string;
  documentId: string;
  documentType: 'INVOICE' | 'CREDIT_NOTE';
  issueDate: string;
  customerName?: string | null;
  customerVatNumber?: string | null;
  customerCountryCode?: string | null;
  lines?: { vatCode: string; net: string }[];
}

function filingPeriod(value: unknown): VatFilingPeriod | null {
  return (VAT_FILING_PERIODS as readonly unknown[]).includes(value)
    ? (value as VatFilingPeriod)
    : null;
}

/**
 * The signed contribution of one VAT line to the return (decision 0012): positive on the
 * code's own side (SALES credited, PURCHASES debited), negative on the other (credit notes,
 * purchase returns, reversals). Turnover goes to the turnover box; the VAT to the VAT box,
 * except box 5b codes (I21, I9) whose VAT is input VAT; reverse charge adds the same VAT
 * again as input VAT (5b).
 */
export function contribution(line: NonNullable<EntryPosted['vatLines']>[number]) {
  const direction = line.direction ?? (line.vatBox === '5b' ? 'PURCHASES' : 'SALES');
  const natural = direction === 'SALES' ? 'CREDIT' : 'DEBIT';
  const sign = line.side === natural ? 1 : -1;
  const base = new MoneyDecimal(line.base).times(sign);
  const vat = new MoneyDecimal(line.vat).times(sign);
  const zero = new MoneyDecimal(0);
  const inputOnly = line.vatBox === '5b';
  return {
    turnover: line.turnoverBox ? base : zero,
    vatDue: line.vatBox && !inputOnly ? vat : zero,
    inputVat: inputOnly || line.reverseCharge ? vat : zero,
  };
}

async function upsertAdministration(
  m: EntityManager,
  p: AdministrationChanged,
  occurredOn: string,
): Promise<void> {
  await m.query(
    `INSERT INTO vat.administrations
       (administration_id, office_id, name, vat_filing_period, vat_number, started_on)
     VALUES ($1, $2, coalesce($3, ''), coalesce($4, 'QUARTER'), $5, $6)
     ON CONFLICT (administration_id) DO UPDATE SET
       office_id = coalesce(EXCLUDED.office_id, vat.administrations.office_id),
       name = coalesce($3, vat.administrations.name),
       vat_filing_period = coalesce($4, vat.administrations.vat_filing_period),
       vat_number = CASE WHEN $7 THEN EXCLUDED.vat_number ELSE vat.administrations.vat_number END,
       started_on = LEAST(vat.administrations.started_on, EXCLUDED.started_on)`,
    [
      p.administrationId,
      isUuid(p.officeId) ? p.officeId : null,
      typeof p.name === 'string' ? p.name : null,
      filingPeriod(p.vatFilingPeriod),
      p.vatNumber ?? null,
      occurredOn,
      'vatNumber' in p,
    ],
  );
}

/**
 * The VAT module's projections, each idempotent by event id (handleOnce) and by key:
 * administrations from tenancy, VAT lines from the ledger, intra-EU supplies from invoicing.
 */
export function projectionSubscriptions(runtime: Pick<SubgraphRuntime, 'logger'>): Subscription[] {
  const bad = (type: string, id: string) =>
    runtime.logger.warn({ eventId: id }, `${type}: bad payload, skipped`);
  return [
    ...(['created', 'updated'] as const).map((what): Subscription => ({
      event: `administration.${what}`,
      queue: `vat.administration-${what}`,
      handle: async (event, m) => {
        const p = event.payload as unknown as AdministrationChanged;
        if (!isUuid(p.administrationId)) return bad(event.type, event.id);
        await upsertAdministration(m, p, event.occurredAt.slice(0, 10));
      },
    })),
    ...(['archived', 'unarchived'] as const).map((what): Subscription => ({
      event: `administration.${what}`,
      queue: `vat.administration-${what}`,
      handle: async (event, m) => {
        const { administrationId } = event.payload as { administrationId?: string };
        if (!isUuid(administrationId)) return bad(event.type, event.id);
        // Also when it overtakes administration.created (another queue): the row waits.
        await m.query(
          `INSERT INTO vat.administrations (administration_id, started_on, archived)
           VALUES ($1, $3, $2)
           ON CONFLICT (administration_id) DO UPDATE SET archived = EXCLUDED.archived`,
          [administrationId, what === 'archived', event.occurredAt.slice(0, 10)],
        );
      },
    })),
    {
      event: 'ledger.entry-posted',
      queue: 'vat.entry-posted',
      handle: async (event, m) => {
        const p = event.payload as unknown as EntryPosted;
        if (!isUuid(p.administrationId) || !isUuid(p.entryId) || !isCalendarDate(p.date))
          return bad(event.type, event.id);
        // An entry may arrive before tenancy's administration.created: keep the date.
        await m.query(
          `INSERT INTO vat.administrations (administration_id, started_on, first_booking_on)
           VALUES ($1, $2, $3)
           ON CONFLICT (administration_id) DO UPDATE SET first_booking_on =
             LEAST(coalesce(vat.administrations.first_booking_on, EXCLUDED.first_booking_on),
                   EXCLUDED.first_booking_on)`,
          [p.administrationId, event.occurredAt.slice(0, 10), p.date],
        );
        const lines = (p.vatLines ?? []).map((l, i) => ({
          l,
          c: contribution(l),
          no: l.lineNo ?? i + 1,
        }));
        if (lines.length === 0) return;
        await m.query(
          `INSERT INTO vat.lines (administration_id, entry_id, line_no, entry_date, vat_code,
             turnover_box, vat_box, turnover, vat_due, input_vat)
           SELECT $1, $2, x.line_no, $3, x.vat_code, x.turnover_box, x.vat_box, x.turnover,
                  x.vat_due, x.input_vat
             FROM unnest($4::int[], $5::text[], $6::text[], $7::text[], $8::numeric[],
                         $9::numeric[], $10::numeric[])
               AS x(line_no, vat_code, turnover_box, vat_box, turnover, vat_due, input_vat)
           ON CONFLICT DO NOTHING`,
          [
            p.administrationId,
            p.entryId,
            p.date,
            lines.map((x) => x.no),
            lines.map((x) => x.l.vatCode),
            lines.map((x) => x.l.turnoverBox),
            lines.map((x) => x.l.vatBox),
            lines.map((x) => x.c.turnover.toFixed(2)),
            lines.map((x) => x.c.vatDue.toFixed(2)),
            lines.map((x) => x.c.inputVat.toFixed(2)),
          ],
        );
      },
    },
    {
      event: 'invoicing.document-finalized',
      queue: 'vat.document-finalized',
      handle: async (event, m) => {
        const p = event.payload as unknown as DocumentFinalized;
        if (!isUuid(p.administrationId) || !isUuid(p.documentId) || !isCalendarDate(p.issueDate))
          return bad(event.type, event.id);
        const veu = (p.lines ?? [])
          .map((l, i) => ({ l, no: i + 1 }))
          .filter((x) => x.l.vatCode === 'VEU');
        for (const { l, no } of veu) {
          let net = new MoneyDecimal(l.net);
          if (p.documentType === 'CREDIT_NOTE' && net.greaterThan(0)) net = net.negated();
          await m.query(
            `INSERT INTO vat.icp_lines (administration_id, document_id, line_no, issue_date,
               customer_vat_number, customer_country_code, customer_name, amount)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
            [
              p.administrationId,
              p.documentId,
              no,
              p.issueDate,
              p.customerVatNumber ?? null,
              p.customerCountryCode ?? null,
              p.customerName ?? null,
              net.toFixed(2),
            ],
          );
        }
      },
    },
  ];
}
