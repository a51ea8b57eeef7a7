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
  valuesConfig: {
    USER: { description: 'Locked by hand (lockPeriod); unlockPeriod removes it.' },
    VAT_FILING: {
      description:
        'Locked when the VAT return (BTW-aangifte) of the period was submitted; stays (corrections go through the VAT module).',
    },
    YEAR_CLOSING: {
      description: 'The fiscal year was closed (closeFiscalYear); reopenFiscalYear removes it.',
    },
  },
});

export const LockActionEnum = { LOCK: 'LOCK', UNLOCK: 'UNLOCK' } as const;
registerEnumType(LockActionEnum, {
  name: 'PeriodLockAction',
  description: 'What a period-lock audit log entry records.',
  valuesConfig: {
    LOCK: { description: 'A period was locked.' },
    UNLOCK: { description: 'A lock was removed.' },
  },
});

@ObjectType('FiscalYear', { description: 'Fiscal year (boekjaar); calendar years.' })
export class FiscalYear {
  @Field(() => ID, { description: "Stable id: the administration's id and the year." })
  id!: string;
  @Field(() => Int, { description: 'The calendar year, e.g. 2026.' }) year!: number;
  @Field(() => DateScalar, { description: 'First day, YYYY-MM-DD (1 January).' })
  startDate!: string;
  @Field(() => DateScalar, { description: 'Last day, YYYY-MM-DD (31 December).' }) endDate!: string;
  @Field(() => Int, { description: 'Entries posted in the year (the last number handed out).' })
  entryCount!: number;
  @Field(() => Boolean, {
    description:
      'Closed (jaarafsluiting, closeFiscalYear): the result moved into equity and the year locked.',
  })
  closed!: boolean;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it was closed; null while open.',
  })
  closedAt!: Date | null;

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
  @Field(() => ID, { description: 'Stable id of the lock; unlockPeriod takes it.' }) id!: string;
  @Field(() => DateScalar, { description: 'First locked day, YYYY-MM-DD.' }) from!: string;
  @Field(() => DateScalar, { description: 'Last locked day, YYYY-MM-DD.' }) to!: string;
  @Field(() => LockSourceEnum, { description: 'Who or what locked it.' })
  source!: keyof typeof LockSourceEnum;
  @Field(() => String, { nullable: true, description: 'The reason given; null when none.' })
  reason!: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was locked.' }) lockedAt!: Date;

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
  @Field(() => LockActionEnum, { description: 'Locked or unlocked.' })
  action!: keyof typeof LockActionEnum;
  @Field(() => DateScalar, { description: 'First day of the period, YYYY-MM-DD.' }) from!: string;
  @Field(() => DateScalar, { description: 'Last day of the period, YYYY-MM-DD.' }) to!: string;
  @Field(() => LockSourceEnum, { description: 'The kind of lock.' })
  source!: keyof typeof LockSourceEnum;
  @Field(() => String, { nullable: true, description: 'The reason given; null when none.' })
  reason!: string | null;
  @Field(() => ID, { nullable: true, description: 'The user who did it; null for a VAT filing.' })
  userId!: string | null;
  @Field(() => DateTimeScalar, { description: 'When it happened.' }) at!: Date;

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

@InputType({ description: 'A period to lock.' })
export class LockPeriodInput {
  @Field(() => ID, { description: 'The administration whose books to lock.' })
  administrationId!: string;
  @Field(() => DateScalar, { description: 'First day to lock, YYYY-MM-DD.' }) from!: string;
  @Field(() => DateScalar, {
    description: 'Last day to lock (inclusive), YYYY-MM-DD; not before from.',
  })
  to!: string;
  @Field(() => String, { nullable: true, description: 'Why, for the audit log; optional.' })
  reason?: string | null;
}

@ObjectType({ description: 'The result of lockPeriod.' })
export class LockPeriodPayload {
  @Field(() => LockedPeriod, {
    nullable: true,
    description: 'The lock; null when userErrors is not empty.',
  })
  lockedPeriod?: LockedPeriod | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'A lock set by hand to remove.' })
export class UnlockPeriodInput {
  @Field(() => ID, { description: 'The administration of the lock.' }) administrationId!: string;
  @Field(() => ID, { description: 'LockedPeriod.id of a USER lock.' }) lockedPeriodId!: string;
  @Field(() => String, { description: 'Why; required, audit-logged.' }) reason!: string;
}

@ObjectType({ description: 'The result of unlockPeriod.' })
export class UnlockPeriodPayload {
  @Field(() => LockedPeriod, { nullable: true, description: 'The lock that was removed.' })
  unlockedPeriod?: LockedPeriod | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'A fiscal year to close (jaarafsluiting).' })
export class CloseFiscalYearInput {
  @Field(() => ID, { description: 'The administration.' }) administrationId!: string;
  @Field(() => Int, { description: 'The year, e.g. 2025: ended, and every earlier year closed.' })
  year!: number;
  @Field(() => String, {
    nullable: true,
    description:
      'The equity account that takes the result; default: the unappropriated result (RGS BEivOreOvw, 0750), else the first equity account.',
  })
  resultAccountCode?: string | null;
}

@InputType({ description: 'The last closed fiscal year to reopen.' })
export class ReopenFiscalYearInput {
  @Field(() => ID, { description: 'The administration.' }) administrationId!: string;
  @Field(() => Int, { description: 'The year; no later year may be closed.' }) year!: number;
  @Field(() => String, { description: 'Why; required, audit-logged.' }) reason!: string;
}

@ObjectType({ description: 'The result of closing or reopening a fiscal year.' })
export class FiscalYearPayload {
  @Field(() => FiscalYear, {
    nullable: true,
    description: 'The fiscal year after the change; null when userErrors is not empty.',
  })
  fiscalYear?: FiscalYear | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@ObjectType('OpeningBalance', {
  description:
    "An account's balance at the start of a fiscal year (beginbalans): balance-sheet accounts carry over, profit-and-loss accounts start at zero, and a result of earlier years not closed into equity sits in the result account (as in the XAF opening balance).",
})
export class OpeningBalance {
  @Field(() => String, { description: 'Ledger account number, e.g. "1100".' }) accountCode!: string;
  @Field(() => DecimalScalar, { description: 'debit - credit' }) balance!: Decimal;
}
