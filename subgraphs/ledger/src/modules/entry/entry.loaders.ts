import { scopedRowsLoader } from '../common/ledger.loaders.js';
import type { EntryReadService } from './entry-read.service.js';

/** Lines per entry, keyed rowKey(administrationId, entryId). */
export function createEntryLinesLoader(service: EntryReadService) {
  return scopedRowsLoader(
    (administrationId, ids) => service.linesOf(administrationId, ids),
    (l) => l.entryId,
  );
}

/** Entries by id, keyed rowKey(administrationId, entryId). */
export function createEntriesLoader(service: EntryReadService) {
  return scopedRowsLoader(
    (administrationId, ids) => service.byIds(administrationId, ids),
    (e) => e.id,
  );
}

/** The reversal of an entry, keyed rowKey(administrationId, originalEntryId). */
export function createReversalsLoader(service: EntryReadService) {
  return scopedRowsLoader(
    (administrationId, ids) => service.reversalsOf(administrationId, ids),
    (e) => e.reversesEntryId!,
  );
}

/** Lines per draft, keyed rowKey(administrationId, draftId). */
export function createDraftLinesLoader(service: EntryReadService) {
  return scopedRowsLoader(
    (administrationId, ids) => service.draftLinesOf(administrationId, ids),
    (l) => l.draftId,
  );
}
