import { PERMISSIONS, type Permission } from '@kantoor/platform';
import { registerEnumType } from 'type-graphql';

export {
  ADMINISTRATION_KINDS,
  AdministrationKindEnum,
  MODULES,
  ModuleEnum,
  type AdministrationKind,
  type Module,
} from '@kantoor/platform';

export const VAT_FILING_PERIODS = ['MONTH', 'QUARTER', 'YEAR'] as const;
export type VatFilingPeriod = (typeof VAT_FILING_PERIODS)[number];
export const VatFilingPeriodEnum = Object.fromEntries(VAT_FILING_PERIODS.map((p) => [p, p])) as {
  [K in VatFilingPeriod]: K;
};
registerEnumType(VatFilingPeriodEnum, {
  name: 'VatFilingPeriod',
  description: 'How often an administration files its VAT return (aangifteperiode).',
  valuesConfig: {
    MONTH: {
      description: 'Monthly returns (period 2026-03), due the last day of the following month.',
    },
    QUARTER: {
      description:
        'Quarterly returns (period 2026-Q1), due the last day of the month after the quarter.',
    },
    YEAR: { description: 'One return a year (period 2026), due 31 March of the next year.' },
  },
});

export const PermissionEnum = Object.fromEntries(PERMISSIONS.map((p) => [p, p])) as {
  [K in Permission]: K;
};
registerEnumType(PermissionEnum, {
  name: 'Permission',
  description:
    "What a user may do in one administration (rechten). A client's permissions are cut to the administration's client modules.",
  valuesConfig: {
    LEDGER_READ: {
      description:
        'Read the books (Financieel): accounts (grootboekrekeningen), journal entries (journaalposten), bank, open items, reports.',
    },
    LEDGER_WRITE: {
      description:
        'Book: post, reverse and draft journal entries; import and process bank transactions.',
    },
    INVOICING_READ: { description: 'Read customers (debiteuren) and invoices (Facturatie).' },
    INVOICING_WRITE: {
      description: 'Manage customers; write, finalize and credit invoices; register payments.',
    },
    VAT_READ: {
      description:
        'See VAT returns (BTW-aangiften); a CLIENT with it approves a return sent for approval.',
    },
    VAT_SUBMIT: {
      description:
        'Prepare VAT returns, ask the client for approval, submit returns and suppleties.',
    },
    ADMINISTRATION_MANAGE: {
      description:
        'Set up the administration: name and modules, accounts, VAT codes, bank accounts and rules, period locks, closing the fiscal year (jaarafsluiting), archiving.',
    },
  },
});
