import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { VatReturnStatus } from './vat-return.type.js';

@Entity({ name: 'returns' })
export class VatReturnEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @Column({ name: 'period_start', type: 'date' }) periodStart!: string;
  @Column({ name: 'period_end', type: 'date' }) periodEnd!: string;
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column({ type: 'text' }) status!: VatReturnStatus;
  @Column({ name: 'filed_at', type: 'timestamptz', nullable: true }) filedAt!: Date | null;
}
