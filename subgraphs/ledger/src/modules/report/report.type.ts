import { DateScalar, DecimalScalar, PageInfo, type Decimal } from '@kantoor/platform';
import { Field, Int, ObjectType } from 'type-graphql';
import { Account, AccountTypeEnum, type AccountType } from '../account/account.type.js';

@ObjectType('TrialBalanceRow')
export class TrialBalanceRow {
  @Field(() => Account) account!: Account;
  @Field(() => DecimalScalar, {
    description:
      'Balance (debit - credit) before `from` (beginsaldo). Profit-and-loss accounts start each fiscal year at zero; the result of earlier years not closed into equity is in the opening of the result account (RGS BEivOnv, e.g. 0750).',
  })
  openingBalance!: Decimal;
  @Field(() => DecimalScalar, { description: 'Debits in the period.' }) debit!: Decimal;
  @Field(() => DecimalScalar, { description: 'Credits in the period.' }) credit!: Decimal;
  @Field(() => DecimalScalar, { description: 'debit - credit' }) balance!: Decimal;
  @Field(() => DecimalScalar, {
    description: 'openingBalance + debit - credit (eindsaldo).',
  })
  closingBalance!: Decimal;
}

@ObjectType('TrialBalance', {
  description: 'Trial balance (proefbalans) of the movements in a period.',
})
export class TrialBalance {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => [TrialBalanceRow], {
    description: 'Accounts with an opening balance or movements, by code.',
  })
  rows!: TrialBalanceRow[];
  @Field(() => DecimalScalar) totalDebit!: Decimal;
  @Field(() => DecimalScalar) totalCredit!: Decimal;
  @Field(() => DecimalScalar, { description: 'Sum of the opening balances: 0.00.' })
  totalOpeningBalance!: Decimal;
  @Field(() => DecimalScalar, { description: 'Sum of the closing balances: 0.00.' })
  totalClosingBalance!: Decimal;
}

@ObjectType('LedgerReportRow')
export class LedgerReportRow {
  @Field(() => Account) account!: Account;
  @Field(() => DecimalScalar, {
    description:
      'In the natural sign of the account type (assets and expenses debit, others credit).',
  })
  amount!: Decimal;
}

@ObjectType('LedgerReportGroup', {
  description: 'Accounts sharing the RGS code of the chosen level.',
})
export class LedgerReportGroup {
  @Field(() => String, {
    nullable: true,
    description: 'RGS code of the level, e.g. "BLim"; null: no RGS code.',
  })
  rgsCode!: string | null;
  @Field(() => DecimalScalar) amount!: Decimal;
  @Field(() => [LedgerReportRow]) rows!: LedgerReportRow[];
}

@ObjectType('LedgerReportSection', { description: 'One account type of a report.' })
export class LedgerReportSection {
  @Field(() => AccountTypeEnum) type!: AccountType;
  @Field(() => DecimalScalar) amount!: Decimal;
  @Field(() => [LedgerReportGroup]) groups!: LedgerReportGroup[];
}

@ObjectType('BalanceSheet', { description: 'Balance sheet (balans) at a date.' })
export class BalanceSheet {
  @Field(() => DateScalar) date!: string;
  @Field(() => Int) rgsLevel!: number;
  @Field(() => [LedgerReportSection], { description: 'ASSET, LIABILITY, EQUITY.' })
  sections!: LedgerReportSection[];
  @Field(() => DecimalScalar) totalAssets!: Decimal;
  @Field(() => DecimalScalar) totalLiabilities!: Decimal;
  @Field(() => DecimalScalar) totalEquity!: Decimal;
  @Field(() => DecimalScalar, { description: 'Result of the fiscal year of `date`, up to it.' })
  resultCurrentYear!: Decimal;
  @Field(() => DecimalScalar, { description: 'Result of earlier years not booked into equity.' })
  resultPreviousYears!: Decimal;
  @Field(() => DecimalScalar, {
    description: 'Liabilities + equity + results; equals totalAssets.',
  })
  totalLiabilitiesAndEquity!: Decimal;
}

@ObjectType('ProfitAndLoss', {
  description: 'Profit and loss (winst-en-verliesrekening) over a period.',
})
export class ProfitAndLoss {
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => Int) rgsLevel!: number;
  @Field(() => [LedgerReportSection], { description: 'REVENUE, EXPENSE.' })
  sections!: LedgerReportSection[];
  @Field(() => DecimalScalar) totalRevenue!: Decimal;
  @Field(() => DecimalScalar) totalExpenses!: Decimal;
  @Field(() => DecimalScalar, {
    description: 'totalRevenue - totalExpenses (profit when positive).',
  })
  result!: Decimal;
}

@ObjectType('AccountMovement', { description: 'A movement (mutatie) on an account.' })
export class AccountMovement {
  administrationId!: string;
  entryId!: string;

  @Field(() => DateScalar) date!: string;
  @Field(() => Int) lineNo!: number;
  @Field(() => DecimalScalar) debit!: Decimal;
  @Field(() => DecimalScalar) credit!: Decimal;
  @Field(() => DecimalScalar, {
    description: 'Running balance (debit - credit) after this movement.',
  })
  balance!: Decimal;
  @Field(() => String, { nullable: true }) vatCode!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The line's reference (e.g. an invoice number), as posted.",
  })
  reference!: string | null;
}

@ObjectType()
export class AccountMovementEdge {
  @Field(() => String) cursor!: string;
  @Field(() => AccountMovement) node!: AccountMovement;
}

@ObjectType()
export class AccountMovementConnection {
  @Field(() => [AccountMovementEdge]) edges!: AccountMovementEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('AccountLedger', { description: 'Account ledger (grootboekkaart) of one account.' })
export class AccountLedger {
  @Field(() => Account) account!: Account;
  @Field(() => DateScalar, { nullable: true }) from!: string | null;
  @Field(() => DateScalar, { nullable: true }) to!: string | null;
  @Field(() => DecimalScalar, { description: 'Balance (debit - credit) before `from`.' })
  openingBalance!: Decimal;
  @Field(() => DecimalScalar, { description: 'Balance (debit - credit) at the end of `to`.' })
  closingBalance!: Decimal;
  @Field(() => AccountMovementConnection, {
    description: 'Oldest first: date, entry number, line.',
  })
  movements!: AccountMovementConnection;
}
