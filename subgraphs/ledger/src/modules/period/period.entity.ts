import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type LockSource = 'USER' | 'VAT_FILING' | 'YEAR_CLOSING';

/** A locked period (afgesloten periode): no posting may fall in it. */
@Entity({ name: 'locked_periods' })
export class LockedPeriodEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @Column({ name: 'start_date', type: 'date' }) startDate!: string;
  @Column({ name: 'end_date', type: 'date' }) endDate!: string;
  @Column({ type: 'text' }) source!: LockSource;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'locked_at', type: 'timestamptz' }) lockedAt!: Date;
  @Column({ name: 'locked_by', type: 'uuid', nullable: true }) lockedBy!: string | null;
}

/** Who locked or unlocked which period, when and why. Append-only. */
@Entity({ name: 'period_lock_audit' })
export class PeriodLockAuditEntity {
  @PrimaryColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'administration_id', type: 'uuid' }) administrationId!: string;
  @Column({ type: 'text' }) action!: 'LOCK' | 'UNLOCK';
  @Column({ name: 'start_date', type: 'date' }) startDate!: string;
  @Column({ name: 'end_date', type: 'date' }) endDate!: string;
  @Column({ type: 'text' }) source!: LockSource;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true }) actorUserId!: string | null;
  @Column({ name: 'event_id', type: 'uuid', nullable: true }) eventId!: string | null;
  @Column({ type: 'timestamptz' }) at!: Date;
}
