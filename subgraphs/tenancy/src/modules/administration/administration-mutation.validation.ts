import { failWith, parseKvkNumber, parseVatNumber, type Fail } from '@kantoor/platform';
import type { AdministrationMutationErrorCode } from './administration-mutation.errors.js';
import { MODULES, type AdministrationKind, type Module } from './administration.enums.js';

/** Input path of a field, for userErrors.field. */
export type FieldPath = string[];

const fail: Fail<AdministrationMutationErrorCode> = failWith;

/** A trimmed, non-empty text, or the given error. */
export function requireText(
  value: string,
  code: AdministrationMutationErrorCode,
  message: string,
  field: FieldPath,
): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) fail(code, message, field);
  return trimmed;
}

/** Distinct modules in the enum's order (LEDGER, INVOICING). */
export function sortModules(modules: readonly Module[]): Module[] {
  return MODULES.filter((m) => modules.includes(m));
}

/**
 * The modules an administration of `kind` gets from `requested`: LEDGER is always added
 * for internal administrations (staff always keep Financieel); an EXTERNAL one needs at
 * least one.
 */
export function resolveModules(
  kind: AdministrationKind,
  requested: readonly Module[],
  field: FieldPath,
): Module[] {
  const modules = sortModules(kind === 'EXTERNAL' ? requested : ['LEDGER', ...requested]);
  if (modules.length === 0) fail('MODULES_REQUIRED', 'Choose at least one module.', field);
  return modules;
}

/**
 * The client modules of an administration of `kind`: non-empty for INTERNAL_WITH_CLIENT_LOGIN,
 * empty for every other kind (an empty list may be passed for those).
 */
export function resolveClientModules(
  kind: AdministrationKind,
  requested: readonly Module[],
  field: FieldPath,
): Module[] {
  const clientModules = sortModules(requested);
  if (kind !== 'INTERNAL_WITH_CLIENT_LOGIN') {
    if (clientModules.length > 0) {
      fail(
        'CLIENT_MODULES_NOT_ALLOWED',
        'Only an administration with client login has client modules.',
        field,
      );
    }
    return [];
  }
  if (clientModules.length === 0) {
    fail('CLIENT_MODULES_REQUIRED', 'Choose at least one module the client may use.', field);
  }
  return clientModules;
}

/** Every client module is one of the modules. */
export function requireClientModulesInModules(
  modules: readonly Module[],
  clientModules: readonly Module[],
  field: FieldPath,
): void {
  const missing = clientModules.filter((m) => !modules.includes(m));
  if (missing.length > 0) {
    fail(
      'CLIENT_MODULE_NOT_IN_MODULES',
      `The administration does not have ${missing.join(', ')}; the client cannot be given it.`,
      field,
    );
  }
}

/** A normalized VAT number, null for null/blank, or INVALID_VAT_NUMBER. */
export function resolveVatNumber(value: string | null, field: FieldPath): string | null {
  if (value === null || value.trim() === '') return null;
  const vatNumber = parseVatNumber(value);
  if (vatNumber === null) {
    fail(
      'INVALID_VAT_NUMBER',
      'Not a valid Dutch VAT number (btw-identificatienummer), e.g. NL123456782B01.',
      field,
    );
  }
  return vatNumber;
}

/** A normalized KvK number, null for null/blank, or INVALID_KVK_NUMBER. */
export function resolveKvkNumber(value: string | null, field: FieldPath): string | null {
  if (value === null || value.trim() === '') return null;
  const kvkNumber = parseKvkNumber(value);
  if (kvkNumber === null) {
    fail('INVALID_KVK_NUMBER', 'A KvK number has exactly 8 digits.', field);
  }
  return kvkNumber;
}

/** Longest email address SMTP allows. */
const MAX_EMAIL_LENGTH = 254;

/** A trimmed, lower-cased email address, or INVALID_EMAIL. */
export function resolveEmail(value: string, field: FieldPath): string {
  const email = value.trim().toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH || !/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email)) {
    fail('INVALID_EMAIL', 'Not a valid email address.', field);
  }
  return email;
}
