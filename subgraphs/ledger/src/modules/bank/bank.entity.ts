import { decimalTransformer, type Decimal } from '@kantoor/platform';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One read-in bank statement file (CAMT.053), for the record. */
@Entity({ name: 'bank_imports' })
export class BankImportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @Column({ name: 'journal_id', type: 'uuid' }) journalId!: string;
  @Column({ name: 'file_sha256', type: 'text' }) fileSha256!: string;
  @Column({ name: 'statement_ids', type: 'text', array: true }) statementIds!: string[];
  @Column({ name: 'entries_in_file', type: 'integer' }) entriesInFile!: number;
  @Column({ name: 'entries_new', type: 'integer' }) entriesNew!: number;
  @Column({ name: 'imported_at', type: 'timestamptz' }) importedAt!: Date;
  @Column({ name: 'imported_by', type: 'uuid', nullable: true }) importedBy!: string | null;
}

/**
 * A bank transaction (banktransactie) read from a statement: the amount is signed (money in
 * > 0, money out < 0). Unprocessed until booked; then entry_id names its journal entry.
 */
@Entity({ name: 'bank_transactions' })
export class BankTransactionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @Column({ name: 'journal_id', type: 'uuid' }) journalId!: string;
  @Column({ name: 'import_id', type: 'uuid' }) importId!: string;
  @Column({ name: 'dedupe_key', type: 'text' }) dedupeKey!: string;
  @Column({ name: 'booking_date', type: 'date' }) bookingDate!: string;
  @Column({ name: 'value_date', type: 'date', nullable: true }) valueDate!: string | null;
  @Column({ type: 'numeric', precision: 18, scale: 2, transformer: decimalTransformer })
  amount!: Decimal;
  @Column({ name: 'counterparty_name', type: 'text', nullable: true })
  counterpartyName!: string | null;
  @Column({ name: 'counterparty_iban', type: 'text', nullable: true })
  counterpartyIban!: string | null;
  @Column({ type: 'text', nullable: true }) remittance!: string | null;
  @Column({ name: 'end_to_end_id', type: 'text', nullable: true }) endToEndId!: string | null;
  @Column({ name: 'bank_reference', type: 'text', nullable: true }) bankReference!: string | null;
  @Column({ name: 'imported_at', type: 'timestamptz' }) importedAt!: Date;
  @Column({ name: 'entry_id', type: 'uuid', nullable: true }) entryId!: string | null;
  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true }) processedAt!: Date | null;
  @Column({ name: 'processed_by', type: 'uuid', nullable: true }) processedBy!: string | null;
}

/** A booking rule (boekingsregel) proposing an account and VAT code for bank transactions. */
@Entity({ name: 'bank_rules' })
export class BankRuleEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @Column({ type: 'bigint', insert: false, update: false }) position!: string;
  @Column({ name: 'counterparty_iban', type: 'text', nullable: true })
  counterpartyIban!: string | null;
  @Column({ name: 'description_contains', type: 'text', nullable: true })
  descriptionContains!: string | null;
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ name: 'vat_code', type: 'text', nullable: true }) vatCode!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
}
