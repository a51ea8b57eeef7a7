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
});

@ObjectType('JournalEntryLine', { description: 'A line of a journal entry (boekingsregel).' })
export class JournalEntryLine {
  @Field(() => ID, { description: "Stable id: the entry's id and the line number." })
  id!: string;
  @Field(() => Account) account!: Account;
  @Field(() => DecimalScalar) debit!: Decimal;
  @Field(() => DecimalScalar) credit!: Decimal;
  @Field(() => String, { nullable: true }) vatCode!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Int, { description: 'Position in the entry, from 1.' }) lineNo!: number;
  @Field(() => LineKindEnum) kind!: LineKind;
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

  @Field(() => ID) id!: string;
  @Field(() => String, {
    description: 'Consecutive per administration and year, e.g. "2026-000042".',
  })
  number!: string;
  @Field(() => DateScalar) date!: string;
  @Field(() => String) description!: string;
  @Field(() => DateTimeScalar) postedAt!: Date;

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

@ObjectType()
export class JournalEntryEdge {
  @Field(() => String) cursor!: string;
  @Field(() => JournalEntry) node!: JournalEntry;
}

@ObjectType()
export class JournalEntryConnection {
  @Field(() => [JournalEntryEdge]) edges!: JournalEntryEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('DraftJournalEntryLine')
export class DraftJournalEntryLine {
  @Field(() => ID, { description: "Stable id: the draft's id and the line's position." })
  id!: string;
  @Field(() => Account) account!: Account;
  @Field(() => DecimalScalar) debit!: Decimal;
  @Field(() => DecimalScalar) credit!: Decimal;
  @Field(() => String, { nullable: true, description: 'Net amount line: VAT is added on posting.' })
  vatCode!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true }) reference!: string | null;
  @Field(() => Boolean) correction!: boolean;
}

@ObjectType('DraftJournalEntry', {
  description:
    'Draft entry (te boeken journaalpost): no number yet, editable, may be unbalanced; posted later or deleted.',
})
export class DraftJournalEntry {
  administrationId!: string;
  journalId!: string;

  @Field(() => ID) id!: string;
  @Field(() => DateScalar) date!: string;
  @Field(() => String) description!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;

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

@ObjectType()
export class DraftJournalEntryEdge {
  @Field(() => String) cursor!: string;
  @Field(() => DraftJournalEntry) node!: DraftJournalEntry;
}

@ObjectType()
export class DraftJournalEntryConnection {
  @Field(() => [DraftJournalEntryEdge]) edges!: DraftJournalEntryEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
