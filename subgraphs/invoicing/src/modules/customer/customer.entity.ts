import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A customer (debiteur) of one administration. */
@Entity({ name: 'customers' })
export class CustomerEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @Column({ type: 'text' }) number!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ name: 'vat_number', type: 'text', nullable: true }) vatNumber!: string | null;
  @Column({ name: 'kvk_number', type: 'text', nullable: true }) kvkNumber!: string | null;
  @Column({ type: 'text', nullable: true }) street!: string | null;
  @Column({ name: 'postal_code', type: 'text', nullable: true }) postalCode!: string | null;
  @Column({ type: 'text', nullable: true }) city!: string | null;
  @Column({ name: 'country_code', type: 'text' }) countryCode!: string;
  @Column({ name: 'payment_term_days', type: 'integer' }) paymentTermDays!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
