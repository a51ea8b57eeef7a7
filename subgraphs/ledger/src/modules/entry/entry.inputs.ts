import { DateScalar, DecimalScalar, UserError, type DecimalInput } from '@kantoor/platform';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DraftJournalEntry, JournalEntry } from './entry.type.js';

@InputType({ description: 'One line of a journal entry to book (boekingsregel).' })
export class JournalEntryLineInput {
  @Field(() => String, {
    description: 'Ledger account number (grootboekrekening), e.g. "4100"; not blocked.',
  })
  accountCode!: string;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Exactly one of debit and credit, > 0.',
  })
  debit?: DecimalInput | null;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Exactly one of debit and credit, > 0.',
  })
  credit?: DecimalInput | null;
  @Field(() => String, {
    nullable: true,
    description:
      "A line with a vatCode carries the NET amount; the ledger adds the VAT line on the code's VAT account.",
  })
  vatCode?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The line's own description; none when omitted.",
  })
  description?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'A reference such as an invoice number, stored on the line. On a receivable (debiteuren, RGS BVorDebHad) or payable (crediteuren, RGS BSchCreHac) account it makes the line an open item (openstaande post), settled by processBankTransaction.',
  })
  reference?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'Marks the line as a correction (a credit note or return): its VAT code may then be on the other side than usual. Without it, a sales code (V21, V9, ...) goes on a credited line and a purchase code (I21, IVERL, ...) on a debited line; otherwise VAT_CODE_DIRECTION.',
  })
  correction?: boolean | null;
}

@InputType({ description: 'A journal entry (journaalpost) to post: balanced after the VAT lines.' })
export class PostJournalEntryInput {
  @Field(() => ID, { description: 'The administration to book in.' }) administrationId!: string;
  @Field(() => DateScalar, {
    description: 'Booking date (boekdatum), YYYY-MM-DD; not in a locked period.',
  })
  date!: string;
  @Field(() => String, { description: 'What the entry is about (omschrijving); not blank.' })
  description!: string;
  @Field(() => [JournalEntryLineInput], { description: 'At most 1,000 lines.' })
  lines!: JournalEntryLineInput[];
  @Field(() => String, {
    nullable: true,
    description:
      'Repeating a post with the same key and the same input returns the first entry and books nothing new; the same key with another input, or used by another operation, is IDEMPOTENCY_KEY_REUSED.',
  })
  idempotencyKey?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Journal (dagboek) code, e.g. "VRK"; the memoriaal ("MEM") when omitted.',
  })
  journalCode?: string | null;
}

@ObjectType({ description: 'The result of posting a journal entry.' })
export class PostJournalEntryPayload {
  @Field(() => JournalEntry, {
    nullable: true,
    description: 'The posted entry; null when userErrors is not empty.',
  })
  entry?: JournalEntry | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'The posted entry to reverse (tegenboeking).' })
export class ReverseJournalEntryInput {
  @Field(() => ID, { description: 'The administration of the entry.' }) administrationId!: string;
  @Field(() => ID, { description: 'The entry to reverse; not itself a reversal.' })
  entryId!: string;
  @Field(() => DateScalar, {
    nullable: true,
    description: "The reversal's date; the original's when omitted.",
  })
  date?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Default: "Tegenboeking <number>: <description>".',
  })
  description?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'A retry with the same key and input returns the first reversal; another input or operation: IDEMPOTENCY_KEY_REUSED.',
  })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of reverseJournalEntry.' })
export class ReverseJournalEntryPayload {
  @Field(() => JournalEntry, { nullable: true, description: 'The reversal (tegenboeking).' })
  entry?: JournalEntry | null;
  @Field(() => JournalEntry, { nullable: true, description: 'The entry it reverses.' })
  reversedEntry?: JournalEntry | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'A draft entry (te boeken journaalpost): no number, may be unbalanced.' })
export class CreateDraftJournalEntryInput {
  @Field(() => ID, { description: 'The administration to book in.' }) administrationId!: string;
  @Field(() => DateScalar, { description: 'Booking date (boekdatum), YYYY-MM-DD.' }) date!: string;
  @Field(() => String, { description: 'What the entry is about (omschrijving); not blank.' })
  description!: string;
  @Field(() => [JournalEntryLineInput], {
    description: 'The lines as entered; accounts and VAT codes must exist.',
  })
  lines!: JournalEntryLineInput[];
  @Field(() => String, {
    nullable: true,
    description: 'Journal (dagboek) code; the memoriaal ("MEM") when omitted.',
  })
  journalCode?: string | null;
}

@InputType({ description: "Replaces a draft's date, description, journal and lines." })
export class UpdateDraftJournalEntryInput extends CreateDraftJournalEntryInput {
  @Field(() => ID, { description: 'The draft to replace.' }) draftId!: string;
}

@ObjectType({ description: 'The result of saving a draft entry.' })
export class DraftJournalEntryPayload {
  @Field(() => DraftJournalEntry, {
    nullable: true,
    description: 'The draft as saved; null when userErrors is not empty.',
  })
  draft?: DraftJournalEntry | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'A draft entry to delete.' })
export class DeleteDraftJournalEntryInput {
  @Field(() => ID, { description: 'The administration of the draft.' }) administrationId!: string;
  @Field(() => ID, { description: 'The draft.' }) draftId!: string;
}

@ObjectType({ description: 'The result of deleteDraftJournalEntry.' })
export class DeleteDraftJournalEntryPayload {
  @Field(() => ID, {
    nullable: true,
    description: 'The id of the deleted draft; null when userErrors is not empty.',
  })
  draftId?: string | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'A draft entry to post.' })
export class PostDraftJournalEntryInput {
  @Field(() => ID, { description: 'The administration of the draft.' }) administrationId!: string;
  @Field(() => ID, { description: 'The draft; the posted entry keeps its id.' }) draftId!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'A retry with the same key and draft returns the posted entry; another draft or operation: IDEMPOTENCY_KEY_REUSED.',
  })
  idempotencyKey?: string | null;
}
