import { allow, can, type RuleMap } from '@kantoor/platform';
import { mayManageInput } from '../account/account.permissions.js';

const mayBook = can('LEDGER_WRITE', 'args.input.administrationId');
/** Bank accounts reach viewers through createBankAccount too (ADMINISTRATION_MANAGE). */
const mayReadParent = can('LEDGER_READ', 'parent.administrationId');

export const bankRules: RuleMap = {
  Administration: {
    bankAccounts: can('LEDGER_READ', 'parent.id'),
    bankRules: can('LEDGER_READ', 'parent.id'),
    openItems: can('LEDGER_READ', 'parent.id'),
  },
  Mutation: {
    createBankAccount: mayManageInput,
    importBankStatement: mayBook,
    processBankTransaction: mayBook,
    settleOpenItems: mayBook,
    createBankRule: mayManageInput,
    deleteBankRule: mayManageInput,
  },
  BankAccount: {
    '*': allow,
    transactions: mayReadParent,
    unprocessedCount: mayReadParent,
    statements: mayReadParent,
  },
  // Reached only through guarded Administration fields, guarded BankAccount fields and mutations.
  BankTransaction: { '*': allow },
  BankTransactionEdge: { '*': allow },
  BankTransactionConnection: { '*': allow },
  BankTransactionSuggestion: { '*': allow },
  BankRule: { '*': allow },
  // Reached only through the guarded BankAccount.statements.
  BankStatement: { '*': allow },
  // Reached only through the guarded Administration.openItems.
  OpenItem: { '*': allow },
  OpenItemEdge: { '*': allow },
  OpenItemConnection: { '*': allow },
  CreateBankAccountPayload: { '*': allow },
  ImportBankStatementPayload: { '*': allow },
  ProcessBankTransactionPayload: { '*': allow },
  SettleOpenItemsPayload: { '*': allow },
  CreateBankRulePayload: { '*': allow },
  DeleteBankRulePayload: { '*': allow },
};
