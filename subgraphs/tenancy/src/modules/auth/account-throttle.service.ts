import { DomainError, type SubgraphConfig } from '@kantoor/platform';
import type { DataSource } from 'typeorm';
import { FAILED_LOGIN_WINDOW_MINUTES, throttleWait } from './auth.service.js';
import {
  countRecentProbes,
  deleteOldProbes,
  deleteProbe,
  insertProbe,
  lockProbeAddress,
} from './auth.sql.js';

/**
 * What signUp, signUpBusiness and createUser answer for an email that is taken (issue 15).
 *
 * - A taken email answers DUPLICATE_EMAIL. These mutations log the new user in at once (no
 *   email round trip), so a refusal cannot look like a success: whether an office, client
 *   or business user exists can be learnt, one address per attempt. That is slowed per
 *   client address: FREE_REFUSALS_PER_ADDRESS refusals within the window pass, then the
 *   login throttle's back-off applies (30 s x 2^n, at most the window) to every
 *   account-creating attempt from that address (TOO_MANY_ATTEMPTS).
 * - Operators are never revealed: every address in a reserved domain (the domain of
 *   KANTOOR_OPS_EMAIL and KANTOOR_RESERVED_EMAIL_DOMAINS) is refused with EMAIL_NOT_ALLOWED
 *   before anything is looked up, whether an operator has it or not. Such a refusal counts
 *   towards the throttle like a taken email.
 */
export const FREE_REFUSALS_PER_ADDRESS = 5;

/** Refusals that tell the caller something about existing accounts; they stay counted. */
const PROBE_CODES = new Set(['DUPLICATE_EMAIL', 'EMAIL_NOT_ALLOWED']);

/** The reserved email domains of a configuration (lower case). */
export function reservedEmailDomains(
  config: Pick<SubgraphConfig, 'KANTOOR_OPS_EMAIL' | 'KANTOOR_RESERVED_EMAIL_DOMAINS'>,
): Set<string> {
  const domains = new Set(config.KANTOOR_RESERVED_EMAIL_DOMAINS ?? []);
  const ops = config.KANTOOR_OPS_EMAIL?.toLowerCase();
  if (ops?.includes('@')) domains.add(ops.slice(ops.lastIndexOf('@') + 1));
  return domains;
}

/** EMAIL_NOT_ALLOWED for an (already normalized) address in a reserved domain. */
export function assertEmailAllowed(email: string, reserved: Set<string>, field: string[]): void {
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (reserved.has(domain)) {
    throw new DomainError(
      'EMAIL_NOT_ALLOWED',
      'This email address cannot be used for an account here; use another one.',
      field,
    );
  }
}

/**
 * Runs one account-creating attempt from `clientAddress` under the throttle. The attempt is
 * recorded (under an advisory lock per address, so parallel requests cannot outrun the
 * count) before `body` runs; the record is removed unless `body` was refused for a taken or
 * reserved email.
 */
export async function throttleAccountCreation<T>(
  db: DataSource,
  clientAddress: string | null,
  body: () => Promise<T>,
): Promise<T> {
  const address = clientAddress ?? '';
  const recorded = await db.transaction(async (manager) => {
    await lockProbeAddress(manager, [address]);
    await deleteOldProbes(manager, [address, FAILED_LOGIN_WINDOW_MINUTES]);
    const [counts] = (await countRecentProbes(manager, [address])) as {
      n: number;
      since: string | null;
    }[];
    const wait = throttleWait(counts!.n, FREE_REFUSALS_PER_ADDRESS, counts!.since);
    if (wait > 0) return { wait };
    const [row] = (await insertProbe(manager, [address])) as { id: string }[];
    return { id: row!.id };
  });
  if ('wait' in recorded) {
    throw new DomainError(
      'TOO_MANY_ATTEMPTS',
      `Too many refused sign-ups from here; try again in ${recorded.wait} seconds.`,
    );
  }
  const forget = () => deleteProbe(db, [recorded.id]);
  try {
    const result = await body();
    await forget();
    return result;
  } catch (error) {
    if (!(error instanceof DomainError && PROBE_CODES.has(error.code))) await forget();
    throw error;
  }
}
