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
registerEnumType(AdministrationKindEnum, { name: 'AdministrationKind' });

export const MODULES = ['LEDGER', 'INVOICING'] as const;
export type Module = (typeof MODULES)[number];
export const ModuleEnum = Object.fromEntries(MODULES.map((m) => [m, m])) as {
  [K in Module]: K;
};
registerEnumType(ModuleEnum, {
  name: 'Module',
  description: 'Financieel = LEDGER, Facturatie = INVOICING.',
});
