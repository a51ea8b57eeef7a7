import { allow, can, type RuleMap } from '@kantoor/platform';

export const reportRules: RuleMap = {
  Administration: {
    trialBalance: can('LEDGER_READ', 'parent.id'),
    balanceSheet: can('LEDGER_READ', 'parent.id'),
    profitAndLoss: can('LEDGER_READ', 'parent.id'),
    accountLedger: can('LEDGER_READ', 'parent.id'),
  },
  TrialBalance: { '*': allow },
  TrialBalanceRow: { '*': allow },
  BalanceSheet: { '*': allow },
  ProfitAndLoss: { '*': allow },
  LedgerReportSection: { '*': allow },
  LedgerReportGroup: { '*': allow },
  LedgerReportRow: { '*': allow },
  AccountLedger: { '*': allow },
  AccountMovement: { '*': allow },
  AccountMovementEdge: { '*': allow },
  AccountMovementConnection: { '*': allow },
};
