import { InvoicingAdministration } from './administration.type.js';

/** `_entities`: invoicing knows administrations only by id; its fields carry the rules. */
export function resolveInvoicingAdministrationReference(reference: {
  id: string;
}): InvoicingAdministration {
  return Object.assign(new InvoicingAdministration(), { id: reference.id });
}
