import { LedgerAdministration } from './administration.type.js';

/** `_entities`: the ledger knows administrations only by id; its fields carry the rules. */
export function resolveLedgerAdministrationReference(reference: {
  id: string;
}): LedgerAdministration {
  return Object.assign(new LedgerAdministration(), { id: reference.id });
}
