import {
  isCalendarDate,
  isUuid,
  MoneyDecimal,
  type Subscription,
  type SubgraphRuntime,
} from '@kantoor/platform';
import type { EntityManager } from 'typeorm';
import { VAT_FILING_PERIODS, type VatFilingPeriod } from '../vat-return/vat-period.calc.js';
import {
  insertIcpLine,
  insertVatLines,
  noteFirstBooking,
  setAdministrationArchived,
  upsertAdministrationRow,
} from './projection.sql.js';

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
  await upsertAdministrationRow(m, {
    administrationId: p.administrationId,
    officeId: isUuid(p.officeId) ? p.officeId : null,
    name: typeof p.name === 'string' ? p.name : null,
    vatFilingPeriod: filingPeriod(p.vatFilingPeriod),
    vatNumber: p.vatNumber ?? null,
    startedOn: occurredOn,
    vatNumberGiven: 'vatNumber' in p,
  });
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
        await setAdministrationArchived(
          m,
          administrationId,
          what === 'archived',
          event.occurredAt.slice(0, 10),
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
        await noteFirstBooking(m, p.administrationId, event.occurredAt.slice(0, 10), p.date);
        const lines = (p.vatLines ?? []).map((l, i) => ({
          l,
          c: contribution(l),
          no: l.lineNo ?? i + 1,
        }));
        if (lines.length === 0) return;
        await insertVatLines(
          m,
          { administrationId: p.administrationId, entryId: p.entryId, date: p.date },
          lines.map((x) => ({
            lineNo: x.no,
            vatCode: x.l.vatCode,
            turnoverBox: x.l.turnoverBox,
            vatBox: x.l.vatBox,
            turnover: x.c.turnover,
            vatDue: x.c.vatDue,
            inputVat: x.c.inputVat,
          })),
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
          await insertIcpLine(m, {
            administrationId: p.administrationId,
            documentId: p.documentId,
            lineNo: no,
            issueDate: p.issueDate,
            customerVatNumber: p.customerVatNumber ?? null,
            customerCountryCode: p.customerCountryCode ?? null,
            customerName: p.customerName ?? null,
            amount: net,
          });
        }
      },
    },
  ];
}
