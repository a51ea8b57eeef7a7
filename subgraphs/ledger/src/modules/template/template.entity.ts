import { decimalTransformer, type Decimal } from '@kantoor/platform';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { AccountType } from '../account/account.type.js';
import type { JournalType, VatDirection } from '../account/account.entity.js';

/** An office's own chart template (eigen rekeningschema); owned by the office, not an administration. */
@Entity({ name: 'chart_templates' })
export class ChartTemplateEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'office_id', type: 'uuid' }) officeId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'is_default', type: 'boolean' }) isDefault!: boolean;
  @Column({ name: 'source_administration_id', type: 'uuid', nullable: true })
  sourceAdministrationId!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'chart_template_accounts' })
export class ChartTemplateAccountEntity {
  @PrimaryColumn({ name: 'template_id', type: 'uuid' }) templateId!: string;
  @PrimaryColumn({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) type!: AccountType;
  @Column({ name: 'rgs_code', type: 'text', nullable: true }) rgsCode!: string | null;
}

@Entity({ name: 'chart_template_vat_codes' })
export class ChartTemplateVatCodeEntity {
  @PrimaryColumn({ name: 'template_id', type: 'uuid' }) templateId!: string;
  @PrimaryColumn({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: decimalTransformer })
  rate!: Decimal;
  @Column({ type: 'text' }) direction!: VatDirection;
  @Column({ name: 'reverse_charge', type: 'boolean' }) reverseCharge!: boolean;
  @Column({ name: 'vat_account_code', type: 'text', nullable: true })
  vatAccountCode!: string | null;
  @Column({ name: 'input_vat_account_code', type: 'text', nullable: true })
  inputVatAccountCode!: string | null;
  @Column({ name: 'turnover_box', type: 'text', nullable: true }) turnoverBox!: string | null;
  @Column({ name: 'vat_box', type: 'text', nullable: true }) vatBox!: string | null;
  @Column({ name: 'exemption_ground', type: 'text', nullable: true })
  exemptionGround!: string | null;
}

@Entity({ name: 'chart_template_journals' })
export class ChartTemplateJournalEntity {
  @PrimaryColumn({ name: 'template_id', type: 'uuid' }) templateId!: string;
  @PrimaryColumn({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) type!: JournalType;
  @Column({ name: 'account_code', type: 'text', nullable: true }) accountCode!: string | null;
}
