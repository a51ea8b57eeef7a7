import { DateScalar, DecimalScalar, PageInfo, type Decimal } from '@kantoor/platform';
import { Field, Int, ObjectType } from 'type-graphql';
import { Account, AccountTypeEnum, type AccountType } from '../account/account.type.js';

@ObjectType('TrialBalanceRow', { description: 'One account in a trial balance (proefbalans).' })
export class TrialBalanceRow {
  @Field(() => Account, { description: 'The ledger account (grootboekrekening).' })
  account!: Account;
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
  @Field(() => DateScalar, { description: 'First day of the period, YYYY-MM-DD.' }) from!: string;
  @Field(() => DateScalar, { description: 'Last day of the period (inclusive), YYYY-MM-DD.' })
  to!: string;
  @Field(() => [TrialBalanceRow], {
    description: 'Accounts with an opening balance or movements, by code.',
  })
  rows!: TrialBalanceRow[];
  @Field(() => DecimalScalar, {
    description: 'Sum of the debits in the period; equals totalCredit.',
  })
  totalDebit!: Decimal;
  @Field(() => DecimalScalar, {
    description: 'Sum of the credits in the period; equals totalDebit.',
  })
  totalCredit!: Decimal;
  @Field(() => DecimalScalar, { description: 'Sum of the opening balances: 0.00.' })
  totalOpeningBalance!: Decimal;
  @Field(() => DecimalScalar, { description: 'Sum of the closing balances: 0.00.' })
  totalClosingBalance!: Decimal;
}

@ObjectType('LedgerReportRow', {
  description: 'One account in a balance sheet or profit and loss.',
})
export class LedgerReportRow {
  @Field(() => Account, { description: 'The ledger account (grootboekrekening).' })
  account!: Account;
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
  @Field(() => DecimalScalar, {
    description: 'Sum of the rows, in the natural sign of the account type.',
  })
  amount!: Decimal;
  @Field(() => [LedgerReportRow], { description: 'The accounts of the group, by code.' })
  rows!: LedgerReportRow[];
}

@ObjectType('LedgerReportSection', { description: 'One account type of a report.' })
export class LedgerReportSection {
  @Field(() => AccountTypeEnum, { description: 'The account type of this section.' })
  type!: AccountType;
  @Field(() => DecimalScalar, {
    description: 'Sum of the groups, in the natural sign of the account type.',
  })
  amount!: Decimal;
  @Field(() => [LedgerReportGroup], { description: 'The RGS groups of the section.' })
  groups!: LedgerReportGroup[];
}

@ObjectType('BalanceSheet', { description: 'Balance sheet (balans) at a date.' })
export class BalanceSheet {
  @Field(() => DateScalar, { description: 'The balances are at the end of this day, YYYY-MM-DD.' })
  date!: string;
  @Field(() => Int, { description: 'RGS level the groups are taken from (1 to 5).' })
  rgsLevel!: number;
  @Field(() => [LedgerReportSection], { description: 'ASSET, LIABILITY, EQUITY.' })
  sections!: LedgerReportSection[];
  @Field(() => DecimalScalar, { description: 'Sum of the ASSET section (activa), debit positive.' })
  totalAssets!: Decimal;
  @Field(() => DecimalScalar, {
    description: 'Sum of the LIABILITY section (schulden), credit positive.',
  })
  totalLiabilities!: Decimal;
  @Field(() => DecimalScalar, {
    description:
      'Sum of the EQUITY section (eigen vermogen), credit positive; results not yet closed into equity are in resultCurrentYear and resultPreviousYears.',
  })
  totalEquity!: Decimal;
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
  @Field(() => DateScalar, { description: 'First day of the period, YYYY-MM-DD.' }) from!: string;
  @Field(() => DateScalar, { description: 'Last day of the period (inclusive), YYYY-MM-DD.' })
  to!: string;
  @Field(() => Int, { description: 'RGS level the groups are taken from (1 to 5).' })
  rgsLevel!: number;
  @Field(() => [LedgerReportSection], { description: 'REVENUE, EXPENSE.' })
  sections!: LedgerReportSection[];
  @Field(() => DecimalScalar, {
    description: 'Sum of the REVENUE section (opbrengsten), credit positive.',
  })
  totalRevenue!: Decimal;
  @Field(() => DecimalScalar, {
    description: 'Sum of the EXPENSE section (kosten), debit positive.',
  })
  totalExpenses!: Decimal;
  @Field(() => DecimalScalar, {
    description: 'totalRevenue - totalExpenses (profit when positive).',
  })
  result!: Decimal;
}

@ObjectType('AccountMovement', { description: 'A movement (mutatie) on an account.' })
export class AccountMovement {
  administrationId!: string;
  entryId!: string;

  @Field(() => DateScalar, { description: "The entry's booking date, YYYY-MM-DD." }) date!: string;
  @Field(() => Int, { description: "The line's position in its entry, from 1." }) lineNo!: number;
  @Field(() => DecimalScalar, { description: 'Debit amount; "0.00" on a credit line.' })
  debit!: Decimal;
  @Field(() => DecimalScalar, { description: 'Credit amount; "0.00" on a debit line.' })
  credit!: Decimal;
  @Field(() => DecimalScalar, {
    description: 'Running balance (debit - credit) after this movement.',
  })
  balance!: Decimal;
  @Field(() => String, { nullable: true, description: "The line's VAT code; null when none." })
  vatCode!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The line's own description; null when none (see the entry).",
  })
  description!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The line's reference (e.g. an invoice number), as posted.",
  })
  reference!: string | null;
}

@ObjectType({ description: 'A movement and its cursor.' })
export class AccountMovementEdge {
  @Field(() => String, { description: 'Opaque cursor of this edge, for `after`.' })
  cursor!: string;
  @Field(() => AccountMovement, { description: 'The movement.' }) node!: AccountMovement;
}

@ObjectType({ description: "A page of an account's movements, oldest first." })
export class AccountMovementConnection {
  @Field(() => [AccountMovementEdge], { description: 'The movements of this page.' })
  edges!: AccountMovementEdge[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages follow.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Movements in the period, not just this page.' })
  totalCount!: number;
}

@ObjectType('AccountLedger', { description: 'Account ledger (grootboekkaart) of one account.' })
export class AccountLedger {
  @Field(() => Account, { description: 'The ledger account (grootboekrekening).' })
  account!: Account;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'First day asked for; null: from the first booking.',
  })
  from!: string | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Last day asked for; null: up to the last booking.',
  })
  to!: string | null;
  @Field(() => DecimalScalar, { description: 'Balance (debit - credit) before `from`.' })
  openingBalance!: Decimal;
  @Field(() => DecimalScalar, { description: 'Balance (debit - credit) at the end of `to`.' })
  closingBalance!: Decimal;
  @Field(() => AccountMovementConnection, {
    description: 'Oldest first: date, entry number, line.',
  })
  movements!: AccountMovementConnection;
}
