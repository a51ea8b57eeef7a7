import { registerEnumType } from 'type-graphql';

/**
 * Enums of the shared vocabulary that several subgraphs expose under the same name
 * (composition requires them identical): declared once here.
 */
export const ADMINISTRATION_KINDS = ['INTERNAL', 'INTERNAL_WITH_CLIENT_LOGIN', 'EXTERNAL'] as const;
export type AdministrationKind = (typeof ADMINISTRATION_KINDS)[number];
export const AdministrationKindEnum = Object.fromEntries(
  ADMINISTRATION_KINDS.map((k) => [k, k]),
) as { [K in AdministrationKind]: K };
registerEnumType(AdministrationKindEnum, {
  name: 'AdministrationKind',
  description:
    'How an administration (a client’s bookkeeping) relates to the office, and how it is billed.',
  valuesConfig: {
    INTERNAL: {
      description:
        'Kept by the office for a client; only office staff have access. Billed per administration on a graduated volume tier.',
    },
    INTERNAL_WITH_CLIENT_LOGIN: {
      description:
        'As INTERNAL, and the client logs in too, to the modules in clientModules only. Billed by client modules (from EUR 7.50 a month).',
    },
    EXTERNAL: {
      description:
        'The client’s own subscription, linked to the office’s dashboard with the client’s consent. Free for the office.',
    },
  },
});

export const MODULES = ['LEDGER', 'INVOICING'] as const;
export type Module = (typeof MODULES)[number];
export const ModuleEnum = Object.fromEntries(MODULES.map((m) => [m, m])) as {
  [K in Module]: K;
};
registerEnumType(ModuleEnum, {
  name: 'Module',
  description: 'Financieel = LEDGER, Facturatie = INVOICING.',
  valuesConfig: {
    LEDGER: {
      description:
        'Financieel: chart of accounts (grootboekrekeningen), journal entries (journaalposten), bank, reports, VAT returns (BTW-aangiften).',
    },
    INVOICING: {
      description: 'Facturatie: customers (debiteuren), sales invoices and their payments.',
    },
  },
});
