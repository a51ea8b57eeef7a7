import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
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

@Entity({ name: 'books' })
export class BookEntity {
  @Column({ name: 'administration_id', type: 'uuid', primary: true }) administrationId!: string;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
}
