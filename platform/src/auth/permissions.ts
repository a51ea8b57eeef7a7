/** The seven per-administration permissions of the contract. */
export const PERMISSIONS = [
  'LEDGER_READ',
  'LEDGER_WRITE',
  'INVOICING_READ',
  'INVOICING_WRITE',
  'VAT_READ',
  'VAT_SUBMIT',
  'ADMINISTRATION_MANAGE',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const USER_KINDS = ['STAFF', 'CLIENT', 'OPS'] as const;
export type UserKind = (typeof USER_KINDS)[number];

export const OFFICE_ROLES = ['ADMIN', 'MEMBER'] as const;
export type OfficeRole = (typeof OFFICE_ROLES)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
