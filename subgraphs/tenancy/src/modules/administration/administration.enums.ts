import { PERMISSIONS, type Permission } from '@kantoor/platform';
import { registerEnumType } from 'type-graphql';

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

export const VAT_FILING_PERIODS = ['MONTH', 'QUARTER', 'YEAR'] as const;
export type VatFilingPeriod = (typeof VAT_FILING_PERIODS)[number];
export const VatFilingPeriodEnum = Object.fromEntries(VAT_FILING_PERIODS.map((p) => [p, p])) as {
  [K in VatFilingPeriod]: K;
};
registerEnumType(VatFilingPeriodEnum, { name: 'VatFilingPeriod' });

export const PermissionEnum = Object.fromEntries(PERMISSIONS.map((p) => [p, p])) as {
  [K in Permission]: K;
};
registerEnumType(PermissionEnum, { name: 'Permission' });
