import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { LedgerContext } from '../../context.js';
import { LedgerAdministration } from '../administration/administration.type.js';
import { withLedgerUserErrors } from '../common/ledger.errors.js';
import { rowKey } from '../common/ledger.loaders.js';
import { JournalEntry } from '../entry/entry.type.js';
import {
  CloseFiscalYearInput,
  FiscalYear,
  FiscalYearPayload,
  OpeningBalance,
  ReopenFiscalYearInput,
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
    @Arg('last', () => Int, {
      nullable: true,
      description: 'How many entries, newest first: default 50, at most 500.',
    })
    last?: number,
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
    @Arg('input', () => LockPeriodInput, { description: 'The period to lock.' })
    input: LockPeriodInput,
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
    @Arg('input', () => UnlockPeriodInput, { description: 'The lock to remove and why.' })
    input: UnlockPeriodInput,
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

@Resolver(() => FiscalYear)
export class FiscalYearResolver {
  @FieldResolver(() => JournalEntry, {
    nullable: true,
    description: "The closing entry (jaarafsluiting) that moved the year's result into equity.",
  })
  async closingEntry(
    @Root() year: FiscalYear,
    @Ctx() ctx: LedgerContext,
  ): Promise<JournalEntry | null> {
    if (!year.closingEntryId) return null;
    const [row] = await ctx.loaders.entries.load(
      rowKey(year.administrationId, year.closingEntryId),
    );
    return row ? JournalEntry.from(row) : null;
  }

  @FieldResolver(() => [OpeningBalance], {
    description:
      'Opening balances (beginbalans) of the year per account with a balance, by code: what the trial balance from the first day of the year shows as opening, and what the XAF audit file of the year declares as its opening balance.',
  })
  async openingBalances(
    @Root() year: FiscalYear,
    @Ctx() ctx: LedgerContext,
  ): Promise<OpeningBalance[]> {
    const tb = await ctx.loaders.trialBalances.load({
      administrationId: year.administrationId,
      args: { from: year.startDate, to: year.startDate },
    });
    return (tb?.rows ?? [])
      .filter((r) => !r.openingBalance.isZero())
      .map((r) =>
        Object.assign(new OpeningBalance(), {
          accountCode: r.account.code,
          balance: r.openingBalance,
        }),
      );
  }
}

@Resolver()
export class YearClosingMutationResolver {
  @Mutation(() => FiscalYearPayload, {
    description:
      "ADMINISTRATION_MANAGE. Closes a fiscal year (jaarafsluiting): one closing entry on its last day brings every profit-and-loss account to zero against the result account (equity; default 0750 onverdeeld resultaat), and the year is locked (YEAR_CLOSING). The year's profit and loss still shows its result (the closing entry is left out); the next year opens with the result in equity. Years close in order. Codes: INVALID_PERIOD, FISCAL_YEAR_NOT_ENDED, EARLIER_YEAR_OPEN, FISCAL_YEAR_CLOSED, DRAFTS_IN_YEAR, UNKNOWN_ACCOUNT, NOT_AN_EQUITY_ACCOUNT, ADMINISTRATION_ARCHIVED, BOOKS_NOT_OPEN.",
  })
  closeFiscalYear(
    @Arg('input', () => CloseFiscalYearInput, { description: 'The year to close.' })
    input: CloseFiscalYearInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<FiscalYearPayload> {
    return withLedgerUserErrors(async () => ({
      fiscalYear: FiscalYear.from(
        await ctx.services.yearClosing.close(input.administrationId, input, actorOf(ctx)),
      ),
    }));
  }

  @Mutation(() => FiscalYearPayload, {
    description:
      'ADMINISTRATION_MANAGE. Reopens the last closed fiscal year: its closing entry is reversed and its YEAR_CLOSING lock removed (audit-logged with the reason). Codes: FISCAL_YEAR_NOT_CLOSED, LATER_YEAR_CLOSED, REASON_REQUIRED, TEXT_TOO_LONG, ADMINISTRATION_ARCHIVED, BOOKS_NOT_OPEN.',
  })
  reopenFiscalYear(
    @Arg('input', () => ReopenFiscalYearInput, { description: 'The year to reopen and why.' })
    input: ReopenFiscalYearInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<FiscalYearPayload> {
    return withLedgerUserErrors(async () => ({
      fiscalYear: FiscalYear.from(
        await ctx.services.yearClosing.reopen(
          input.administrationId,
          input.year,
          input.reason,
          actorOf(ctx),
        ),
      ),
    }));
  }
}
