import { decimalTransformer, type Decimal } from '@kantoor/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type LineKind = 'ENTERED' | 'VAT_DUE' | 'VAT_INPUT' | 'CLOSING';

/** The operations that take an idempotency key. */
export type IdempotentOperation = 'POST' | 'REVERSE' | 'POST_DRAFT';

/** A fiscal year (boekjaar) of one administration; its row is the entry-number counter. */
@Entity({ name: 'fiscal_years' })
export class FiscalYearEntity {
  @PrimaryColumn({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @PrimaryColumn({ type: 'integer' }) year!: number;
  @Column({ name: 'start_date', type: 'date' }) startDate!: string;
  @Column({ name: 'end_date', type: 'date' }) endDate!: string;
  @Column({ name: 'last_number', type: 'integer' }) lastNumber!: number;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'closed_by', type: 'uuid', nullable: true }) closedBy!: string | null;
  @Column({ name: 'closing_entry_id', type: 'uuid', nullable: true })
  closingEntryId!: string | null;
}

/** A posted journal entry (boeking). Append-only: the database refuses UPDATE and DELETE. */
@Entity({ name: 'journal_entries' })
export class JournalEntryEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @Column({ name: 'journal_id', type: 'uuid' }) journalId!: string;
  @Column({ name: 'fiscal_year', type: 'integer' }) fiscalYear!: number;
  @Column({ type: 'integer' }) sequence!: number;
  @Column({ type: 'text' }) number!: string;
  @Column({ name: 'entry_date', type: 'date' }) entryDate!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;
  /** Which operation used the key, and the SHA-256 of its normalized input. */
  @Column({ name: 'idempotency_operation', type: 'text', nullable: true })
  idempotencyOperation!: IdempotentOperation | null;
  @Column({ name: 'idempotency_hash', type: 'text', nullable: true })
  idempotencyHash!: string | null;
  @Column({ name: 'reverses_entry_id', type: 'uuid', nullable: true })
  reversesEntryId!: string | null;
  @Column({ name: 'posted_at', type: 'timestamptz' }) postedAt!: Date;
  @Column({ name: 'posted_by', type: 'uuid', nullable: true }) postedBy!: string | null;
}

/** A line of a posted entry. Append-only. */
@Entity({ name: 'journal_entry_lines' })
export class JournalEntryLineEntity {
  @PrimaryColumn({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @PrimaryColumn({ name: 'entry_id', type: 'uuid' }) entryId!: string;
  @PrimaryColumn({ name: 'line_no', type: 'integer' }) lineNo!: number;
  @Column({ type: 'text' }) kind!: LineKind;
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ type: 'numeric', precision: 18, scale: 2, transformer: decimalTransformer })
  debit!: Decimal;
  @Column({ type: 'numeric', precision: 18, scale: 2, transformer: decimalTransformer })
  credit!: Decimal;
  @Column({ name: 'vat_code', type: 'text', nullable: true }) vatCode!: string | null;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ name: 'entry_date', type: 'date' }) entryDate!: string;
  @Column({ name: 'entry_sequence', type: 'integer' }) entrySequence!: number;
  @Column({ type: 'text', nullable: true }) reference!: string | null;
  /** Marked by the user as a correction: its VAT code may be on the other side (credit note). */
  @Column({ type: 'boolean', default: false }) correction!: boolean;
}

/** A draft entry (te boeken journaalpost): no number, editable, posted or deleted later. */
@Entity({ name: 'draft_entries' })
export class DraftEntryEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @Column({ name: 'journal_id', type: 'uuid' }) journalId!: string;
  @Column({ name: 'entry_date', type: 'date' }) entryDate!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
}

@Entity({ name: 'draft_entry_lines' })
export class DraftEntryLineEntity {
  @PrimaryColumn({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @PrimaryColumn({ name: 'draft_id', type: 'uuid' }) draftId!: string;
  @PrimaryColumn({ name: 'line_no', type: 'integer' }) lineNo!: number;
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ type: 'numeric', precision: 18, scale: 2, transformer: decimalTransformer })
  debit!: Decimal;
  @Column({ type: 'numeric', precision: 18, scale: 2, transformer: decimalTransformer })
  credit!: Decimal;
  @Column({ name: 'vat_code', type: 'text', nullable: true }) vatCode!: string | null;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'text', nullable: true }) reference!: string | null;
  @Column({ type: 'boolean', default: false }) correction!: boolean;
}
