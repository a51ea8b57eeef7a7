import { VatAdministration } from './administration.type.js';

/** `_entities`: the VAT module knows administrations only by id; its fields carry the rules. */
export function resolveVatAdministrationReference(reference: { id: string }): VatAdministration {
  return Object.assign(new VatAdministration(), { id: reference.id });
}
