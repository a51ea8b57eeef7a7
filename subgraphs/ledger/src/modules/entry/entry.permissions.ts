import { allow, can, type RuleMap } from '@kantoor/platform';

/** LEDGER_WRITE in the administration of `input.administrationId` (one shared instance). */
const mayBook = can('LEDGER_WRITE', 'args.input.administrationId');

export const entryRules: RuleMap = {
  Administration: {
    journalEntries: can('LEDGER_READ', 'parent.id'),
    journalEntry: can('LEDGER_READ', 'parent.id'),
    draftJournalEntries: can('LEDGER_READ', 'parent.id'),
    draftJournalEntry: can('LEDGER_READ', 'parent.id'),
  },
  Mutation: {
    postJournalEntry: mayBook,
    reverseJournalEntry: mayBook,
    createDraftJournalEntry: mayBook,
    updateDraftJournalEntry: mayBook,
    deleteDraftJournalEntry: mayBook,
    postDraftJournalEntry: mayBook,
  },
  // Reached only through guarded Administration fields and mutations.
  JournalEntry: { '*': allow },
  JournalEntryLine: { '*': allow },
  JournalEntryEdge: { '*': allow },
  JournalEntryConnection: { '*': allow },
  DraftJournalEntry: { '*': allow },
  DraftJournalEntryLine: { '*': allow },
  DraftJournalEntryEdge: { '*': allow },
  DraftJournalEntryConnection: { '*': allow },
  PostJournalEntryPayload: { '*': allow },
  ReverseJournalEntryPayload: { '*': allow },
  DraftJournalEntryPayload: { '*': allow },
  DeleteDraftJournalEntryPayload: { '*': allow },
};
