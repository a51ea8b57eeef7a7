import { decimalTransformer, type Decimal } from '@kantoor/platform';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AccountType } from './account.type.js';

/** A ledger account (grootboekrekening) of one administration. */
@Entity({ name: 'accounts' })
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) type!: AccountType;
  @Column({ name: 'rgs_code', type: 'text', nullable: true }) rgsCode!: string | null;
  @Column({ type: 'boolean' }) blocked!: boolean;
}

/** The books of one administration: opened once, from a chart template. */
@Entity({ name: 'books' })
export class BookEntity {
  @PrimaryColumn({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'office_id', type: 'uuid', nullable: true }) officeId!: string | null;
  @Column({ name: 'chart_source', type: 'text' }) chartSource!:
    'KANTOOR_DEFAULT' | 'OFFICE_TEMPLATE';
  @Column({ name: 'chart_template_id', type: 'uuid', nullable: true })
  chartTemplateId!: string | null;
  /** Set while tenancy has the administration archived: writes are refused, reads stay. */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @Column({ name: 'archive_event_at', type: 'timestamptz', nullable: true })
  archiveEventAt!: Date | null;
}

export type VatDirection = 'SALES' | 'PURCHASES';

/** A VAT code (btw-code) of one administration. */
@Entity({ name: 'vat_codes' })
export class VatCodeEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: decimalTransformer })
  rate!: Decimal;
  @Column({ type: 'text' }) direction!: VatDirection;
  @Column({ name: 'reverse_charge', type: 'boolean' }) reverseCharge!: boolean;
  @Column({ name: 'vat_account_id', type: 'uuid', nullable: true }) vatAccountId!: string | null;
  @Column({ name: 'input_vat_account_id', type: 'uuid', nullable: true })
  inputVatAccountId!: string | null;
  @Column({ name: 'turnover_box', type: 'text', nullable: true }) turnoverBox!: string | null;
  @Column({ name: 'vat_box', type: 'text', nullable: true }) vatBox!: string | null;
  /** Exempt supplies (vrijgesteld): the legal ground; such a code is SALES at 0% without boxes. */
  @Column({ name: 'exemption_ground', type: 'text', nullable: true })
  exemptionGround!: string | null;
  @Column({ type: 'boolean' }) blocked!: boolean;
}

export const JOURNAL_TYPES = ['GENERAL', 'SALES', 'PURCHASES', 'BANK', 'CASH'] as const;
export type JournalType = (typeof JOURNAL_TYPES)[number];

/** A journal (dagboek) of one administration. */
@Entity({ name: 'journals' })
export class JournalEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) type!: JournalType;
  @Column({ name: 'account_id', type: 'uuid', nullable: true }) accountId!: string | null;
  @Column({ type: 'text', nullable: true }) iban!: string | null;
}
