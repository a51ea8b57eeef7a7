import {
  DateScalar,
  DateTimeScalar,
  DecimalScalar,
  UserError,
  type Decimal,
} from '@kantoor/platform';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { FiscalYearEntity } from '../entry/entry.entity.js';
import type { LockedPeriodEntity, PeriodLockAuditEntity } from './period.entity.js';

export const LockSourceEnum = {
  USER: 'USER',
  VAT_FILING: 'VAT_FILING',
  YEAR_CLOSING: 'YEAR_CLOSING',
} as const;
registerEnumType(LockSourceEnum, {
  name: 'PeriodLockSource',
  description:
    'USER: locked by hand (lockPeriod). VAT_FILING: locked when the VAT return was filed. YEAR_CLOSING: the fiscal year was closed (closeFiscalYear); reopenFiscalYear removes it.',
});

export const LockActionEnum = { LOCK: 'LOCK', UNLOCK: 'UNLOCK' } as const;
registerEnumType(LockActionEnum, { name: 'PeriodLockAction' });

@ObjectType('FiscalYear', { description: 'Fiscal year (boekjaar); calendar years.' })
export class FiscalYear {
  @Field(() => ID, { description: "Stable id: the administration's id and the year." })
  id!: string;
  @Field(() => Int) year!: number;
  @Field(() => DateScalar) startDate!: string;
  @Field(() => DateScalar) endDate!: string;
  @Field(() => Int, { description: 'Entries posted in the year (the last number handed out).' })
  entryCount!: number;
  @Field(() => Boolean, {
    description:
      'Closed (jaarafsluiting, closeFiscalYear): the result moved into equity and the year locked.',
  })
  closed!: boolean;
  @Field(() => DateTimeScalar, { nullable: true }) closedAt!: Date | null;

  administrationId!: string;
  closingEntryId!: string | null;

  static from(row: FiscalYearEntity): FiscalYear {
    return Object.assign(new FiscalYear(), {
      id: `${row.administrationId}:${row.year}`,
      administrationId: row.administrationId,
      year: row.year,
      startDate: row.startDate,
      endDate: row.endDate,
      entryCount: row.lastNumber,
      closed: row.closedAt !== null,
      closedAt: row.closedAt,
      closingEntryId: row.closingEntryId,
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
  @Field(() => ID, { description: 'Stable id of this log entry.' }) id!: string;
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
      id: String(row.id),
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

@InputType()
export class CloseFiscalYearInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => Int) year!: number;
  @Field(() => String, {
    nullable: true,
    description:
      'The equity account that takes the result; default: the unappropriated result (RGS BEivOreOvw, 0750), else the first equity account.',
  })
  resultAccountCode?: string | null;
}

@InputType()
export class ReopenFiscalYearInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => Int) year!: number;
  @Field(() => String, { description: 'Why; required, audit-logged.' }) reason!: string;
}

@ObjectType()
export class FiscalYearPayload {
  @Field(() => FiscalYear, { nullable: true }) fiscalYear?: FiscalYear | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType('OpeningBalance', {
  description:
    "An account's balance at the start of a fiscal year (beginbalans): balance-sheet accounts carry over, profit-and-loss accounts start at zero, and a result of earlier years not closed into equity sits in the result account (as in the XAF opening balance).",
})
export class OpeningBalance {
  @Field(() => String) accountCode!: string;
  @Field(() => DecimalScalar, { description: 'debit - credit' }) balance!: Decimal;
}
