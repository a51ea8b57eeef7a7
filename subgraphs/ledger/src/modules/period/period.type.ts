import { DateScalar, DateTimeScalar, UserError } from '@kantoor/platform';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { FiscalYearEntity } from '../entry/entry.entity.js';
import type { LockedPeriodEntity, PeriodLockAuditEntity } from './period.entity.js';

export const LockSourceEnum = { USER: 'USER', VAT_FILING: 'VAT_FILING' } as const;
registerEnumType(LockSourceEnum, {
  name: 'PeriodLockSource',
  description:
    'USER: locked by hand (lockPeriod). VAT_FILING: locked when the VAT return was filed.',
});

export const LockActionEnum = { LOCK: 'LOCK', UNLOCK: 'UNLOCK' } as const;
registerEnumType(LockActionEnum, { name: 'PeriodLockAction' });

@ObjectType('FiscalYear', { description: 'Fiscal year (boekjaar); calendar years.' })
export class FiscalYear {
  @Field(() => Int) year!: number;
  @Field(() => DateScalar) startDate!: string;
  @Field(() => DateScalar) endDate!: string;
  @Field(() => Int, { description: 'Entries posted in the year (the last number handed out).' })
  entryCount!: number;

  static from(row: FiscalYearEntity): FiscalYear {
    return Object.assign(new FiscalYear(), {
      year: row.year,
      startDate: row.startDate,
      endDate: row.endDate,
      entryCount: row.lastNumber,
    });
  }
}

@ObjectType('LockedPeriod', {
  description: 'A locked period (afgesloten periode): postings into it are refused.',
})
export class LockedPeriod {
  @Field(() => ID) id!: string;
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => LockSourceEnum) source!: keyof typeof LockSourceEnum;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => DateTimeScalar) lockedAt!: Date;

  static from(row: LockedPeriodEntity): LockedPeriod {
    return Object.assign(new LockedPeriod(), {
      id: row.id,
      from: row.startDate,
      to: row.endDate,
      source: row.source,
      reason: row.reason,
      lockedAt: row.lockedAt,
    });
  }
}

@ObjectType('PeriodLockEvent', { description: 'An entry of the period-lock audit log.' })
export class PeriodLockEvent {
  @Field(() => LockActionEnum) action!: keyof typeof LockActionEnum;
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => LockSourceEnum) source!: keyof typeof LockSourceEnum;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => ID, { nullable: true, description: 'The user who did it; null for a VAT filing.' })
  userId!: string | null;
  @Field(() => DateTimeScalar) at!: Date;

  static from(row: PeriodLockAuditEntity): PeriodLockEvent {
    return Object.assign(new PeriodLockEvent(), {
      action: row.action,
      from: row.startDate,
      to: row.endDate,
      source: row.source,
      reason: row.reason,
      userId: row.actorUserId,
      at: row.at,
    });
  }
}

@InputType()
export class LockPeriodInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => String, { nullable: true }) reason?: string | null;
}

@ObjectType()
export class LockPeriodPayload {
  @Field(() => LockedPeriod, { nullable: true }) lockedPeriod?: LockedPeriod | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@InputType()
export class UnlockPeriodInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => ID) lockedPeriodId!: string;
  @Field(() => String, { description: 'Why; required, audit-logged.' }) reason!: string;
}

@ObjectType()
export class UnlockPeriodPayload {
  @Field(() => LockedPeriod, { nullable: true, description: 'The lock that was removed.' })
  unlockedPeriod?: LockedPeriod | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}
