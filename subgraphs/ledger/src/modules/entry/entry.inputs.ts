import { DateScalar, DecimalScalar, UserError, type DecimalInput } from '@kantoor/platform';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DraftJournalEntry, JournalEntry } from './entry.type.js';

@InputType()
export class JournalEntryLineInput {
  @Field(() => String) accountCode!: string;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Exactly one of debit and credit, > 0.',
  })
  debit?: DecimalInput | null;
  @Field(() => DecimalScalar, { nullable: true }) credit?: DecimalInput | null;
  @Field(() => String, {
    nullable: true,
    description:
      "A line with a vatCode carries the NET amount; the ledger adds the VAT line on the code's VAT account.",
  })
  vatCode?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
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

@InputType()
export class PostJournalEntryInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => DateScalar) date!: string;
  @Field(() => String) description!: string;
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

@ObjectType()
export class PostJournalEntryPayload {
  @Field(() => JournalEntry, { nullable: true }) entry?: JournalEntry | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@InputType()
export class ReverseJournalEntryInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => ID) entryId!: string;
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

@ObjectType()
export class ReverseJournalEntryPayload {
  @Field(() => JournalEntry, { nullable: true, description: 'The reversal (tegenboeking).' })
  entry?: JournalEntry | null;
  @Field(() => JournalEntry, { nullable: true, description: 'The entry it reverses.' })
  reversedEntry?: JournalEntry | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@InputType()
export class CreateDraftJournalEntryInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => DateScalar) date!: string;
  @Field(() => String) description!: string;
  @Field(() => [JournalEntryLineInput]) lines!: JournalEntryLineInput[];
  @Field(() => String, { nullable: true }) journalCode?: string | null;
}

@InputType({ description: "Replaces a draft's date, description, journal and lines." })
export class UpdateDraftJournalEntryInput extends CreateDraftJournalEntryInput {
  @Field(() => ID) draftId!: string;
}

@ObjectType()
export class DraftJournalEntryPayload {
  @Field(() => DraftJournalEntry, { nullable: true }) draft?: DraftJournalEntry | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@InputType()
export class DeleteDraftJournalEntryInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => ID) draftId!: string;
}

@ObjectType()
export class DeleteDraftJournalEntryPayload {
  @Field(() => ID, { nullable: true }) draftId?: string | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@InputType()
export class PostDraftJournalEntryInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => ID) draftId!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'A retry with the same key and draft returns the posted entry; another draft or operation: IDEMPOTENCY_KEY_REUSED.',
  })
  idempotencyKey?: string | null;
}
