import {
  allow,
  forbidden,
  isAuthenticated,
  rule,
  unauthenticated,
  viewerFor,
  type BaseContext,
  type RuleMap,
  type ShieldRule,
} from '@kantoor/platform';
import type { TenancyContext } from '../../context.js';

/**
 * The user themself, an ADMIN of the user's office, or an ADMIN of an office that an
 * administration owned by this (office-less) user is linked to: the office sees who owns
 * the administrations on its dashboard. "Who" is the request's viewer, or, for a user a
 * signUp/login/signUpBusiness payload returned, the principal it was issued to (viewerFor).
 */
export const isSelfOrOfficeAdmin: ShieldRule = rule({ cache: 'no_cache' })(async (
  parent: { id: string; officeId: string | null },
  _args,
  ctx: TenancyContext,
) => {
  const v = viewerFor(parent, ctx);
  if (v.kind !== 'user') return unauthenticated();
  if (parent.id === v.userId) return true;
  const isAdmin =
    v.userKind === 'STAFF' && v.officeRole === 'ADMIN' && v.officeId !== null && v.scope === null;
  if (!isAdmin) return forbidden();
  if (parent.officeId !== null) return parent.officeId === v.officeId || forbidden();
  const linkedOffices = await ctx.loaders.ownerLinkedOffices.load(parent.id);
  return linkedOffices.includes(v.officeId!) || forbidden();
});

/** Anyone of the office itself, or ops (or the principal a payload's office was issued to). */
export const isOfOfficeOrOps: ShieldRule = rule({ cache: 'no_cache' })((
  parent: { id: string },
  _a,
  ctx: BaseContext,
) => {
  const v = viewerFor(parent, ctx);
  if (v.kind !== 'user') return unauthenticated();
  return v.officeId === parent.id || v.userKind === 'OPS' || forbidden();
});

/** An ADMIN of this very office (the viewer, or the principal the office was issued to). */
export const isAdminOfOffice: ShieldRule = rule({ cache: 'no_cache' })((
  parent: { id: string },
  _a,
  ctx: BaseContext,
) => {
  const v = viewerFor(parent, ctx);
  if (v.kind !== 'user') return unauthenticated();
  return (
    (v.userKind === 'STAFF' &&
      v.officeRole === 'ADMIN' &&
      v.officeId === parent.id &&
      v.scope === null) ||
    forbidden('Office administrators only.')
  );
});

export const userRules: RuleMap = {
  Query: { me: isAuthenticated },
  User: { '*': isSelfOrOfficeAdmin },
  Office: {
    id: isOfOfficeOrOps,
    name: isOfOfficeOrOps,
    trialEndsAt: isOfOfficeOrOps,
    users: isAdminOfOffice,
  },
  UserConnection: { '*': allow },
  UserEdge: { '*': allow },
};
