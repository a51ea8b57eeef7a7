import { allow, can, type RuleMap } from '@kantoor/platform';

/** ADMINISTRATION_MANAGE in the administration of `input.administrationId` (one shared instance). */
export const mayManageInput = can('ADMINISTRATION_MANAGE', 'args.input.administrationId');

export const accountRules: RuleMap = {
  Administration: {
    id: allow,
    accounts: can('LEDGER_READ', 'parent.id'),
    vatCodes: can('LEDGER_READ', 'parent.id'),
    journals: can('LEDGER_READ', 'parent.id'),
  },
  Mutation: {
    createAccount: mayManageInput,
    updateAccount: mayManageInput,
    setAccountBlocked: mayManageInput,
    deleteAccount: mayManageInput,
    setVatCodeBlocked: mayManageInput,
    createVatCode: mayManageInput,
    updateVatCode: mayManageInput,
  },
  // Reached only through guarded Administration fields and mutations.
  Account: { '*': allow },
  VatCode: { '*': allow },
  Journal: { '*': allow },
  CreateAccountPayload: { '*': allow },
  UpdateAccountPayload: { '*': allow },
  SetAccountBlockedPayload: { '*': allow },
  DeleteAccountPayload: { '*': allow },
  SetVatCodeBlockedPayload: { '*': allow },
  VatCodePayload: { '*': allow },
};
