import {
  allow,
  forbidden,
  isAuthenticated,
  rule,
  unauthenticated,
  type BaseContext,
  type RuleMap,
  type ShieldRule,
} from '@kantoor/platform';
import type { TenancyContext } from '../../context.js';

/** The user themself, or an ADMIN of the user's office. */
const isSelfOrOfficeAdmin = rule({ cache: 'no_cache' })((
  parent: { id: string; officeId: string | null },
  _args,
  ctx: BaseContext,
) => {
  const v = ctx.viewer;
  if (v.kind !== 'user') return unauthenticated();
  if (parent.id === v.userId) return true;
  return (
    (v.userKind === 'STAFF' &&
      v.officeRole === 'ADMIN' &&
      parent.officeId !== null &&
      parent.officeId === v.officeId) ||
    forbidden()
  );
});

/** Anyone of the office itself, or ops. */
const isOfOfficeOrOps = rule({ cache: 'no_cache' })((
  parent: { id: string },
  _a,
  ctx: BaseContext,
) => {
  const v = ctx.viewer;
  if (v.kind !== 'user') return unauthenticated();
  return v.officeId === parent.id || v.userKind === 'OPS' || forbidden();
});

/** An ADMIN of this very office. */
export const isAdminOfOffice: ShieldRule = rule({ cache: 'no_cache' })((
  parent: { id: string },
  _a,
  ctx: BaseContext,
) => {
  const v = ctx.viewer;
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
