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
registerEnumType(VatFilingPeriodEnum, { name: 'VatFilingPeriod' });

export const PermissionEnum = Object.fromEntries(PERMISSIONS.map((p) => [p, p])) as {
  [K in Permission]: K;
};
registerEnumType(PermissionEnum, { name: 'Permission' });
