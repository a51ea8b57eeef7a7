import {
  DateScalar,
  DateTimeScalar,
  DecimalScalar,
  PageInfo,
  type Decimal,
} from '@kantoor/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Account } from '../account/account.type.js';
import type { DraftEntryEntity, JournalEntryEntity, LineKind } from './entry.entity.js';

export const LineKindEnum = {
  ENTERED: 'ENTERED',
  VAT_DUE: 'VAT_DUE',
  VAT_INPUT: 'VAT_INPUT',
  CLOSING: 'CLOSING',
} as const;
registerEnumType(LineKindEnum, {
  name: 'JournalEntryLineKind',
  description:
    'ENTERED: a line as posted (with a VAT code it carries the net amount). VAT_DUE / VAT_INPUT: a VAT line the ledger added for the line before it (af te dragen btw / voorbelasting). CLOSING: a line of a closing entry (jaarafsluiting), moving a profit-and-loss balance into equity.',
  valuesConfig: {
    ENTERED: { description: 'A line as entered (with a VAT code: the net amount).' },
    VAT_DUE: {
      description: 'VAT due (af te dragen btw) the ledger added for the line before it.',
    },
    VAT_INPUT: {
      description: 'Input VAT (voorbelasting) the ledger added for the line before it.',
    },
    CLOSING: {
      description:
        'A line of a closing entry (jaarafsluiting): a profit-and-loss balance moved into equity.',
    },
  },
});

@ObjectType('JournalEntryLine', { description: 'A line of a journal entry (boekingsregel).' })
export class JournalEntryLine {
  @Field(() => ID, { description: "Stable id: the entry's id and the line number." })
  id!: string;
  @Field(() => Account, { description: 'The ledger account (grootboekrekening) booked.' })
  account!: Account;
  @Field(() => DecimalScalar, { description: 'Debit amount in euros; "0.00" on a credit line.' })
  debit!: Decimal;
  @Field(() => DecimalScalar, { description: 'Credit amount in euros; "0.00" on a debit line.' })
  credit!: Decimal;
  @Field(() => String, {
    nullable: true,
    description:
      'The VAT code the line was entered with (its VAT follows as a VAT_DUE or VAT_INPUT line); on a VAT line, the code it came from.',
  })
  vatCode!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The line's own description; null when none was given.",
  })
  description!: string | null;
  @Field(() => Int, { description: 'Position in the entry, from 1.' }) lineNo!: number;
  @Field(() => LineKindEnum, {
    description: 'Entered, VAT added by the ledger, or a closing line.',
  })
  kind!: LineKind;
  @Field(() => String, {
    nullable: true,
    description: 'The reference given with the line (e.g. an invoice number).',
  })
  reference!: string | null;
  @Field(() => Boolean, {
    description: 'Marked as a correction (credit note, return) when posted.',
  })
  correction!: boolean;
}

@ObjectType('JournalEntry', {
  description: 'Journal entry (boeking), posted and numbered; append-only.',
})
export class JournalEntry {
  administrationId!: string;
  journalId!: string;
  reversesEntryId!: string | null;

  @Field(() => ID, { description: 'Stable id of the entry.' }) id!: string;
  @Field(() => String, {
    description: 'Consecutive per administration and year, e.g. "2026-000042".',
  })
  number!: string;
  @Field(() => DateScalar, {
    description: 'Booking date (boekdatum), YYYY-MM-DD: decides the period and fiscal year.',
  })
  date!: string;
  @Field(() => String, { description: 'What the entry is about (omschrijving).' })
  description!: string;
  @Field(() => DateTimeScalar, { description: 'When it was posted.' }) postedAt!: Date;

  static from(row: JournalEntryEntity): JournalEntry {
    return Object.assign(new JournalEntry(), {
      administrationId: row.administrationId,
      journalId: row.journalId,
      reversesEntryId: row.reversesEntryId,
      id: row.id,
      number: row.number,
      date: row.entryDate,
      description: row.description,
      postedAt: row.postedAt,
    });
  }
}

@ObjectType({ description: 'A journal entry and its cursor.' })
export class JournalEntryEdge {
  @Field(() => String, { description: 'Opaque cursor of this edge, for `after`.' })
  cursor!: string;
  @Field(() => JournalEntry, { description: 'The entry.' }) node!: JournalEntry;
}

@ObjectType({ description: 'A page of posted journal entries.' })
export class JournalEntryConnection {
  @Field(() => [JournalEntryEdge], { description: 'The entries of this page.' })
  edges!: JournalEntryEdge[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages follow.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Entries that match, not just this page.' }) totalCount!: number;
}

@ObjectType('DraftJournalEntryLine', { description: 'A line of a draft entry, as entered.' })
export class DraftJournalEntryLine {
  @Field(() => ID, { description: "Stable id: the draft's id and the line's position." })
  id!: string;
  @Field(() => Account, { description: 'The ledger account (grootboekrekening).' })
  account!: Account;
  @Field(() => DecimalScalar, { description: 'Debit amount as entered; "0.00" on a credit line.' })
  debit!: Decimal;
  @Field(() => DecimalScalar, { description: 'Credit amount as entered; "0.00" on a debit line.' })
  credit!: Decimal;
  @Field(() => String, { nullable: true, description: 'Net amount line: VAT is added on posting.' })
  vatCode!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The line's own description; null when none was given.",
  })
  description!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The reference given with the line (e.g. an invoice number).',
  })
  reference!: string | null;
  @Field(() => Boolean, { description: 'Marked as a correction (credit note, return).' })
  correction!: boolean;
}

@ObjectType('DraftJournalEntry', {
  description:
    'Draft entry (te boeken journaalpost): no number yet, editable, may be unbalanced; posted later or deleted.',
})
export class DraftJournalEntry {
  administrationId!: string;
  journalId!: string;

  @Field(() => ID, { description: 'Stable id of the draft; the posted entry keeps it.' })
  id!: string;
  @Field(() => DateScalar, { description: 'Booking date it will be posted with, YYYY-MM-DD.' })
  date!: string;
  @Field(() => String, { description: 'What the entry is about (omschrijving).' })
  description!: string;
  @Field(() => DateTimeScalar, { description: 'When the draft was made.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the draft was last changed.' })
  updatedAt!: Date;

  static from(row: DraftEntryEntity): DraftJournalEntry {
    return Object.assign(new DraftJournalEntry(), {
      administrationId: row.administrationId,
      journalId: row.journalId,
      id: row.id,
      date: row.entryDate,
      description: row.description,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
  }
}

@ObjectType({ description: 'A draft entry and its cursor.' })
export class DraftJournalEntryEdge {
  @Field(() => String, { description: 'Opaque cursor of this edge, for `after`.' })
  cursor!: string;
  @Field(() => DraftJournalEntry, { description: 'The draft.' }) node!: DraftJournalEntry;
}

@ObjectType({ description: 'A page of draft entries, newest date first.' })
export class DraftJournalEntryConnection {
  @Field(() => [DraftJournalEntryEdge], { description: 'The drafts of this page.' })
  edges!: DraftJournalEntryEdge[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages follow.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'All drafts of the administration, not just this page.' })
  totalCount!: number;
}
