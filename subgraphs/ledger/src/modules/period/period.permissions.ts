import { allow, can, type RuleMap } from '@kantoor/platform';
import { mayManageInput } from '../account/account.permissions.js';

export const periodRules: RuleMap = {
  Administration: {
    fiscalYears: can('LEDGER_READ', 'parent.id'),
    lockedPeriods: can('LEDGER_READ', 'parent.id'),
    periodLockLog: can('ADMINISTRATION_MANAGE', 'parent.id'),
  },
  Mutation: {
    lockPeriod: mayManageInput,
    unlockPeriod: mayManageInput,
    closeFiscalYear: mayManageInput,
    reopenFiscalYear: mayManageInput,
  },
  // Reached only through the guarded Administration.fiscalYears and the guarded mutations.
  FiscalYear: { '*': allow },
  OpeningBalance: { '*': allow },
  FiscalYearPayload: { '*': allow },
  LockedPeriod: { '*': allow },
  PeriodLockEvent: { '*': allow },
  LockPeriodPayload: { '*': allow },
  UnlockPeriodPayload: { '*': allow },
};
