import DataLoader from 'dataloader';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { LedgerContext } from '../../context.js';
import { rowKey } from '../common/ledger.loaders.js';
import { JournalEntry } from '../entry/entry.type.js';
import type { BookingRow } from './invoicing-booking.service.js';
import { InvoiceLedgerBooking, LedgerInvoice } from './invoicing-booking.type.js';

const loaders = new WeakMap<object, DataLoader<string, BookingRow[]>>();

/** Bookings per invoice, one query per request tick (a page of invoices is one query). */
function bookingsLoader(ctx: LedgerContext): DataLoader<string, BookingRow[]> {
  let loader = loaders.get(ctx);
  if (!loader) {
    const service = ctx.services.invoicingBookings;
    loader = new DataLoader<string, BookingRow[]>(async (keys) => {
      const pairs = keys.map((k) => {
        const at = k.indexOf(':');
        return { administrationId: k.slice(0, at), id: k.slice(at + 1) };
      });
      const rows = await service.bookingsOf(pairs);
      const grouped = new Map<string, BookingRow[]>();
      for (const r of rows) {
        const key = rowKey(r.administrationId, r.invoiceId);
        grouped.set(key, [...(grouped.get(key) ?? []), r]);
      }
      return keys.map((k) => grouped.get(k) ?? []);
    });
    loaders.set(ctx, loader);
  }
  return loader;
}

@Resolver(() => LedgerInvoice)
export class LedgerInvoiceResolver {
  @FieldResolver(() => JournalEntry, {
    nullable: true,
    description:
      "LEDGER_READ. The ledger's booking of this invoice; null until booked or where the administration has no ledger.",
  })
  async journalEntry(
    @Root() invoice: LedgerInvoice,
    @Ctx() ctx: LedgerContext,
  ): Promise<JournalEntry | null> {
    const rows = await bookingsLoader(ctx).load(rowKey(invoice.administrationId, invoice.id));
    const own = rows.find(
      (r) => r.documentId === invoice.id.toLowerCase() && r.status === 'BOOKED' && r.entryId,
    );
    if (!own) return null;
    const [entry] = await ctx.loaders.entries.load(rowKey(invoice.administrationId, own.entryId!));
    return entry ? JournalEntry.from(entry) : null;
  }

  @FieldResolver(() => [InvoiceLedgerBooking], {
    nullable: true,
    description:
      'LEDGER_READ. Every booking of this invoice in the ledger: its own, and its payments registered by hand; a FAILED one shows why.',
  })
  async ledgerBookings(
    @Root() invoice: LedgerInvoice,
    @Ctx() ctx: LedgerContext,
  ): Promise<InvoiceLedgerBooking[]> {
    const rows = await bookingsLoader(ctx).load(rowKey(invoice.administrationId, invoice.id));
    return rows.map((r) =>
      Object.assign(new InvoiceLedgerBooking(), r, { id: `${r.kind}:${r.documentId}` }),
    );
  }
}
