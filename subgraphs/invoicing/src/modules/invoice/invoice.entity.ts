import { decimalTransformer, type Decimal } from '@kantoor/platform';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type InvoiceType = 'INVOICE' | 'CREDIT_NOTE';
export type InvoiceStatus = 'DRAFT' | 'OPEN' | 'PAID' | 'CREDITED';

/** The parties as they were when the invoice was finalized (an issued invoice never changes). */
export interface PartySnapshot {
  name: string;
  number?: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  countryCode: string;
  vatNumber: string | null;
  kvkNumber: string | null;
  email?: string | null;
  iban?: string;
}

const money = {
  type: 'numeric' as const,
  precision: 18,
  scale: 2,
  transformer: decimalTransformer,
};

@Entity({ name: 'invoices' })
export class InvoiceEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @Column({ type: 'text' }) type!: InvoiceType;
  @Column({ type: 'text' }) status!: InvoiceStatus;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId!: string;
  @Column({ type: 'text', nullable: true }) number!: string | null;
  @Column({ type: 'integer', nullable: true }) year!: number | null;
  @Column({ type: 'integer', nullable: true }) sequence!: number | null;
  @Column({ name: 'issue_date', type: 'date', nullable: true }) issueDate!: string | null;
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate!: string | null;
  @Column({ type: 'text', nullable: true }) reference!: string | null;
  @Column({ name: 'credited_invoice_id', type: 'uuid', nullable: true }) creditedInvoiceId!:
    string | null;
  @Column({ name: 'total_excl_vat', ...money }) totalExclVat!: Decimal;
  @Column({ name: 'total_vat', ...money }) totalVat!: Decimal;
  @Column({ name: 'total_incl_vat', ...money }) totalInclVat!: Decimal;
  @Column({ name: 'paid_amount', ...money }) paidAmount!: Decimal;
  @Column({ name: 'credited_amount', ...money }) creditedAmount!: Decimal;
  @Column({ name: 'customer_snapshot', type: 'jsonb', nullable: true })
  customerSnapshot!: PartySnapshot | null;
  @Column({ name: 'supplier_snapshot', type: 'jsonb', nullable: true })
  supplierSnapshot!: PartySnapshot | null;
  @Column({ name: 'sort_rank', type: 'smallint' }) sortRank!: number;
  @Column({ name: 'sort_no', type: 'bigint' }) sortNo!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'finalized_at', type: 'timestamptz', nullable: true }) finalizedAt!: Date | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ name: 'finalized_by', type: 'uuid', nullable: true }) finalizedBy!: string | null;
}

@Entity({ name: 'invoice_lines' })
export class InvoiceLineEntity {
  @PrimaryColumn({ name: 'invoice_id', type: 'uuid' }) invoiceId!: string;
  @PrimaryColumn({ name: 'line_no', type: 'integer' }) lineNo!: number;
  @Column({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'numeric', precision: 18, scale: 4, transformer: decimalTransformer })
  quantity!: Decimal;
  @Column({ name: 'unit_price', ...money }) unitPrice!: Decimal;
  @Column({ name: 'vat_code', type: 'text' }) vatCode!: string;
  @Column({
    name: 'vat_rate',
    type: 'numeric',
    precision: 5,
    scale: 2,
    transformer: decimalTransformer,
  })
  vatRate!: Decimal;
  @Column({ name: 'net_amount', ...money }) netAmount!: Decimal;
}

@Entity({ name: 'payments' })
export class PaymentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @Column({ name: 'invoice_id', type: 'uuid' }) invoiceId!: string;
  @Column({ type: 'text' }) source!: 'MANUAL' | 'BANK';
  @Column(money) amount!: Decimal;
  @Column({ name: 'payment_date', type: 'date' }) date!: string;
  @Column({ name: 'account_code', type: 'text', nullable: true }) accountCode!: string | null;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey!: string | null;
  @Column({ name: 'request_hash', type: 'text', nullable: true }) requestHash!: string | null;
  @Column({ name: 'settlement_id', type: 'text', nullable: true }) settlementId!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
}

@Entity({ name: 'invoice_settings' })
export class InvoiceSettingsEntity {
  @PrimaryColumn({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) street!: string;
  @Column({ name: 'postal_code', type: 'text' }) postalCode!: string;
  @Column({ type: 'text' }) city!: string;
  @Column({ name: 'country_code', type: 'text' }) countryCode!: string;
  @Column({ name: 'vat_number', type: 'text' }) vatNumber!: string;
  @Column({ name: 'kvk_number', type: 'text' }) kvkNumber!: string;
  @Column({ type: 'text' }) iban!: string;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
