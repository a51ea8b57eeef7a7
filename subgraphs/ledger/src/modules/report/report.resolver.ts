import { DateScalar, FirstArg, AfterArg } from '@kantoor/platform';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { LedgerContext } from '../../context.js';
import { Account } from '../account/account.type.js';
import { LedgerAdministration } from '../administration/administration.type.js';
import { rowKey } from '../common/ledger.loaders.js';
import { JournalEntry } from '../entry/entry.type.js';
import type { ReportSectionData } from './report.calc.js';
import {
  AccountLedger,
  AccountMovement,
  BalanceSheet,
  type LedgerReportSection,
  ProfitAndLoss,
  TrialBalance,
} from './report.type.js';

function sections(data: ReportSectionData[]): LedgerReportSection[] {
  return data.map((s) => ({
    type: s.type,
    amount: s.amount,
    groups: s.groups.map((g) => ({
      rgsCode: g.rgsCode,
      amount: g.amount,
      rows: g.rows.map((r) => ({ account: Account.from(r.account), amount: r.amount })),
    })),
  }));
}

@Resolver(() => LedgerAdministration)
export class ReportAdministrationResolver {
  @FieldResolver(() => TrialBalance, {
    nullable: true,
    description:
      'LEDGER_READ. Per account: opening balance, debits, credits and closing balance of the period; accounts with an opening balance or movements; totals always equal.',
  })
  async trialBalance(
    @Root() a: LedgerAdministration,
    @Arg('from', () => DateScalar, { description: 'First day of the period, YYYY-MM-DD.' })
    from: string,
    @Arg('to', () => DateScalar, {
      description: 'Last day of the period (inclusive), YYYY-MM-DD; not before from.',
    })
    to: string,
    @Ctx() ctx: LedgerContext,
  ): Promise<TrialBalance> {
    const tb = (await ctx.loaders.trialBalances.load({
      administrationId: a.id,
      args: { from, to },
    }))!;
    return {
      ...tb,
      rows: tb.rows.map((r) => ({ ...r, account: Account.from(r.account) })),
    };
  }

  @FieldResolver(() => BalanceSheet, {
    nullable: true,
    description:
      'LEDGER_READ. Balance sheet at `date`, grouped by account type and RGS code of `rgsLevel` (default 2, e.g. "BLim").',
  })
  async balanceSheet(
    @Root() a: LedgerAdministration,
    @Arg('date', () => DateScalar, {
      description: 'The balance sheet date, YYYY-MM-DD (end of that day).',
    })
    date: string,
    @Ctx() ctx: LedgerContext,
    @Arg('rgsLevel', () => Int, {
      nullable: true,
      description: 'RGS level to group by, 1 to 5; default 2.',
    })
    rgsLevel?: number,
  ): Promise<BalanceSheet> {
    const data = (await ctx.loaders.balanceSheets.load({
      administrationId: a.id,
      args: { date, rgsLevel: rgsLevel ?? 2 },
    }))!;
    return { ...data, sections: sections(data.sections) };
  }

  @FieldResolver(() => ProfitAndLoss, {
    nullable: true,
    description: 'LEDGER_READ. Profit and loss over a period, grouped like balanceSheet.',
  })
  async profitAndLoss(
    @Root() a: LedgerAdministration,
    @Arg('from', () => DateScalar, { description: 'First day of the period, YYYY-MM-DD.' })
    from: string,
    @Arg('to', () => DateScalar, {
      description: 'Last day of the period (inclusive), YYYY-MM-DD; not before from.',
    })
    to: string,
    @Ctx() ctx: LedgerContext,
    @Arg('rgsLevel', () => Int, {
      nullable: true,
      description: 'RGS level to group by, 1 to 5; default 2.',
    })
    rgsLevel?: number,
  ): Promise<ProfitAndLoss> {
    const data = (await ctx.loaders.profitAndLosses.load({
      administrationId: a.id,
      args: { from, to, rgsLevel: rgsLevel ?? 2 },
    }))!;
    return { ...data, sections: sections(data.sections) };
  }

  @FieldResolver(() => AccountLedger, {
    nullable: true,
    description:
      'LEDGER_READ. Every movement of one account with a running balance, oldest first, paginated; null for an unknown account code.',
  })
  async accountLedger(
    @Root() a: LedgerAdministration,
    @Arg('accountCode', () => String, {
      description: 'Ledger account number (grootboekrekening), e.g. "1100".',
    })
    accountCode: string,
    @Ctx() ctx: LedgerContext,
    @Arg('from', () => DateScalar, {
      nullable: true,
      description: 'First day, YYYY-MM-DD; from the first booking when absent.',
    })
    from?: string,
    @Arg('to', () => DateScalar, {
      nullable: true,
      description: 'Last day (inclusive), YYYY-MM-DD; up to the last booking when absent.',
    })
    to?: string,
    @FirstArg()
    first?: number,
    @AfterArg()
    after?: string,
  ): Promise<AccountLedger | null> {
    const data = await ctx.services.accountLedgers.accountLedger(a.id, accountCode, {
      from,
      to,
      first,
      after,
    });
    if (!data) return null;
    return {
      ...data,
      account: Account.from(data.account),
      movements: {
        ...data.movements,
        edges: data.movements.edges.map((e) => ({
          cursor: e.cursor,
          node: Object.assign(new AccountMovement(), { administrationId: a.id, ...e.node }),
        })),
      },
    };
  }
}

@Resolver(() => AccountMovement)
export class AccountMovementResolver {
  @FieldResolver(() => JournalEntry, { description: 'The entry of the movement.' })
  async entry(@Root() movement: AccountMovement, @Ctx() ctx: LedgerContext): Promise<JournalEntry> {
    const [row] = await ctx.loaders.entries.load(
      rowKey(movement.administrationId, movement.entryId),
    );
    return JournalEntry.from(row!);
  }
}
