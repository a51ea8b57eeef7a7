import type { BaseContext } from '../context.js';
import type { UserViewer, Viewer } from './viewer.js';

/**
 * The principal of a payload. signUp, login, refreshToken and signUpBusiness do not change
 * who is asking (the request's viewer stays what the bearer token said, often anonymous);
 * the objects they return are marked as issued to the principal they just authenticated,
 * and the rules for those objects' fields allow reading them on that basis (`isIssuedTo`).
 *
 * The mark is a WeakMap keyed by the very object the resolver returned: nothing a client
 * sends can create one, it does not outlive the request's objects, and it never widens
 * what the request's own viewer may do elsewhere in the document.
 */
const issued = new WeakMap<object, UserViewer>();

/** Marks `object` (a payload's user, office or administration) as issued to `principal`. */
export function issuedTo<T extends object>(object: T, principal: UserViewer): T {
  issued.set(object, principal);
  return object;
}

/** The principal `object` was issued to, if a login-like mutation returned it. */
export function issuedPrincipal(object: unknown): UserViewer | null {
  return object !== null && typeof object === 'object' ? (issued.get(object) ?? null) : null;
}

/**
 * Whom to read `parent` as: its issued principal when it has one, else the request's viewer.
 * For field resolvers of objects a login-like payload can return.
 */
export function viewerFor(parent: unknown, ctx: Pick<BaseContext, 'viewer'>): Viewer {
  return issuedPrincipal(parent) ?? ctx.viewer;
}

/** Passes the issued principal of `parent` on to a child object it resolves to. */
export function carryPrincipal<T extends object>(parent: unknown, child: T): T {
  const principal = issuedPrincipal(parent);
  if (principal) issued.set(child, principal);
  return child;
}
