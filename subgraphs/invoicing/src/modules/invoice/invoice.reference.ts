import type { InvoicingContext } from '../../context.js';
import { Invoice } from './invoice.type.js';

/** Entities the gateway asks for (Invoice from the ledger's journalEntry, say). */
export async function resolveInvoiceReference(
  reference: { id: string; administrationId: string },
  ctx: InvoicingContext,
): Promise<Invoice | null> {
  const e = await ctx.loaders.invoice.load(reference);
  return e ? Invoice.from(e, ctx.today) : null;
}
