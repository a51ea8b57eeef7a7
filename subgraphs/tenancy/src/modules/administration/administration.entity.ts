import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AdministrationKind, Module, VatFilingPeriod } from './administration.enums.js';

/** An administration (client ledger set) kept in an office, or a business's own. */
@Entity({ name: 'administrations' })
export class AdministrationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** The office whose dashboard shows it; null for an unlinked own-subscription business. */
  @Column({ name: 'office_id', type: 'uuid', nullable: true }) officeId!: string | null;
  /** The CLIENT user who owns an own-subscription (EXTERNAL) administration. */
  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true }) ownerUserId!: string | null;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: AdministrationKind;
  @Column({ type: 'text', array: true }) modules!: Module[];
  @Column({ name: 'client_modules', type: 'text', array: true }) clientModules!: Module[];
  @Column({ name: 'vat_filing_period', type: 'text' }) vatFilingPeriod!: VatFilingPeriod;
  @Column({ name: 'vat_number', type: 'text', nullable: true }) vatNumber!: string | null;
  @Column({ name: 'kvk_number', type: 'text', nullable: true }) kvkNumber!: string | null;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
