import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { LedgerContext } from '../../context.js';
import { LedgerAdministration } from '../account/account.type.js';
import { withLedgerUserErrors } from '../common/ledger.errors.js';
import {
  FiscalYear,
  LockedPeriod,
  LockPeriodInput,
  LockPeriodPayload,
  PeriodLockEvent,
  UnlockPeriodInput,
  UnlockPeriodPayload,
} from './period.type.js';

function actorOf(ctx: LedgerContext): string | null {
  return ctx.viewer.kind === 'user' ? ctx.viewer.userId : null;
}

@Resolver(() => LedgerAdministration)
export class PeriodAdministrationResolver {
  @FieldResolver(() => [FiscalYear], {
    nullable: true,
    description: 'LEDGER_READ. Fiscal years with bookings.',
  })
  async fiscalYears(
    @Root() a: LedgerAdministration,
    @Ctx() ctx: LedgerContext,
  ): Promise<FiscalYear[]> {
    return (await ctx.loaders.fiscalYears.load(a.id)).map((r) => FiscalYear.from(r));
  }

  @FieldResolver(() => [LockedPeriod], {
    nullable: true,
    description: 'LEDGER_READ. Locked periods, oldest first.',
  })
  async lockedPeriods(
    @Root() a: LedgerAdministration,
    @Ctx() ctx: LedgerContext,
  ): Promise<LockedPeriod[]> {
    return (await ctx.loaders.lockedPeriods.load(a.id)).map((r) => LockedPeriod.from(r));
  }

  @FieldResolver(() => [PeriodLockEvent], {
    nullable: true,
    description:
      'ADMINISTRATION_MANAGE. The lock/unlock audit log, newest first (at most `last`, default 50).',
  })
  async periodLockLog(
    @Root() a: LedgerAdministration,
    @Ctx() ctx: LedgerContext,
    @Arg('last', () => Int, { nullable: true }) last?: number,
  ): Promise<PeriodLockEvent[]> {
    const limit = Math.min(Math.max(last ?? 50, 0), 500);
    return (await ctx.services.periods.auditOf(a.id, limit)).map((r) => PeriodLockEvent.from(r));
  }
}

@Resolver()
export class PeriodMutationResolver {
  @Mutation(() => LockPeriodPayload, {
    description:
      'ADMINISTRATION_MANAGE. Locks a period: postings dated in it are refused (PERIOD_LOCKED), also a posting racing with the lock. Idempotent for the same dates. Codes: INVALID_DATE, INVALID_PERIOD, TEXT_TOO_LONG, BOOKS_NOT_OPEN.',
  })
  lockPeriod(
    @Arg('input', () => LockPeriodInput) input: LockPeriodInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<LockPeriodPayload> {
    return withLedgerUserErrors(async () => ({
      lockedPeriod: LockedPeriod.from(
        await ctx.services.periods.lock(input.administrationId, input, actorOf(ctx)),
      ),
    }));
  }

  @Mutation(() => UnlockPeriodPayload, {
    description:
      'ADMINISTRATION_MANAGE. Removes a lock set by hand; the reason is required and audit-logged. A lock set by a VAT filing stays (PERIOD_LOCKED_BY_VAT_FILING): corrections go through the VAT module. Codes: PERIOD_NOT_FOUND, PERIOD_LOCKED_BY_VAT_FILING, REASON_REQUIRED, BOOKS_NOT_OPEN.',
  })
  unlockPeriod(
    @Arg('input', () => UnlockPeriodInput) input: UnlockPeriodInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<UnlockPeriodPayload> {
    return withLedgerUserErrors(async () => ({
      unlockedPeriod: LockedPeriod.from(
        await ctx.services.periods.unlock(
          input.administrationId,
          input.lockedPeriodId,
          input.reason,
          actorOf(ctx),
        ),
      ),
    }));
  }
}
