import {
  allow,
  forbidden,
  isOfficeAdmin,
  rule,
  unauthenticated,
  type RuleMap,
  type ShieldRule,
} from '@kantoor/platform';
import type { TenancyContext } from '../../context.js';
import { isAdminOfOffice } from '../user/user.permissions.js';

/**
 * An ADMIN (login session, not an API token) of the office the parent administration
 * belongs to. The administration's office comes from the per-request administration
 * loader: one query for all parents of a request (none for a primed list page).
 */
export const isAdminOfAdministrationOffice: ShieldRule = rule({ cache: 'no_cache' })(async (
  parent: { id: string },
  _args,
  ctx: TenancyContext,
) => {
  const v = ctx.viewer;
  if (v.kind !== 'user') return unauthenticated();
  if (!(v.userKind === 'STAFF' && v.officeRole === 'ADMIN' && v.officeId && v.scope === null)) {
    return forbidden('Office administrators only.');
  }
  const administration = await ctx.loaders.administration.load(parent.id);
  return (
    (administration !== null && administration.officeId === v.officeId) ||
    forbidden('Office administrators only.')
  );
});

/** Who may see and change access (toegangsrechten). */
export const accessRules: RuleMap = {
  Mutation: { setAccess: isOfficeAdmin },
  Office: { accessAudit: isAdminOfOffice },
  SetAccessPayload: { '*': allow },
  AccessAuditConnection: { '*': allow },
  AccessAuditEdge: { '*': allow },
  AccessAuditEntry: { '*': allow },
};

/**
 * The rule of Administration.access, resolved by AdministrationAccessResolver. Kept apart
 * from `accessRules` because shield refuses a rule for a field the schema lacks: schema.ts
 * registers this map together with AdministrationAccessResolver.
 */
export const administrationAccessRules: RuleMap = {
  Administration: { access: isAdminOfAdministrationOffice },
  AccessEntry: { '*': allow },
};
