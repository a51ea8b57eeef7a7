import {
  allow,
  forbidden,
  isOps,
  rule,
  unauthenticated,
  type BaseContext,
  type RuleMap,
  type ShieldRule,
} from '@kantoor/platform';

/** STAFF with the ADMIN role in the office the field belongs to (a login session, not an API token). */
export const isAdminOfThisOffice: ShieldRule = rule('billing-admin-of-this-office', {
  cache: 'no_cache',
})((parent: { id: string }, _args, ctx: BaseContext) => {
  const v = ctx.viewer;
  if (v.kind !== 'user') return unauthenticated();
  return (
    (v.userKind === 'STAFF' &&
      v.officeRole === 'ADMIN' &&
      v.officeId !== null &&
      v.officeId.toLowerCase() === String(parent.id).toLowerCase() &&
      v.scope === null) ||
    forbidden('Office administrators only.')
  );
});

export const statementRules: RuleMap = {
  Mutation: { runBilling: isOps },
  Office: {
    id: allow,
    billingPreview: isAdminOfThisOffice,
    billingStatements: isAdminOfThisOffice,
  },
  BillingStatement: { '*': allow },
  BillingLine: { '*': allow },
  RunBillingPayload: { '*': allow },
};
