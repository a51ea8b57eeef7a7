import {
  allow,
  can,
  rule,
  unauthenticated,
  type BaseContext,
  type RuleMap,
} from '@kantoor/platform';

/**
 * Any logged-in user, evaluated per field (no_cache: never a contextual cache for a rule
 * about the viewer). What the overview lists is filtered by VAT_READ in its SQL.
 */
const isUser = rule('vat-is-user', { cache: 'no_cache' })(
  (_parent, _args, ctx: BaseContext) => ctx.viewer.kind === 'user' || unauthenticated(),
);

/**
 * Who may do what with VAT returns (deny by default):
 * - reading an administration's returns: VAT_READ there;
 * - the overview: any logged-in user; its SQL lists only administrations with VAT_READ
 *   (OPS have none);
 * - prepare, request approval, submit: VAT_SUBMIT; approve: VAT_READ, and the service lets
 *   only a CLIENT user or an office ADMIN of the administration's office approve.
 * Types below the guarded fields are reached only through them.
 */
export const vatReturnRules: RuleMap = {
  Query: { vatOverview: isUser },
  Mutation: {
    prepareVatReturn: can('VAT_SUBMIT', 'args.input.administrationId'),
    requestVatApproval: can('VAT_SUBMIT', 'args.input.administrationId'),
    submitVatReturn: can('VAT_SUBMIT', 'args.input.administrationId'),
    approveVatReturn: can('VAT_READ', 'args.input.administrationId'),
    prepareVatSuppletie: can('VAT_SUBMIT', 'args.input.administrationId'),
    submitVatSuppletie: can('VAT_SUBMIT', 'args.input.administrationId'),
  },
  Administration: {
    id: allow,
    vatReturns: can('VAT_READ', 'parent.id'),
    vatReturn: can('VAT_READ', 'parent.id'),
    vatStatus: can('VAT_READ', 'parent.id'),
  },
  User: { id: allow },
  VatReturn: { '*': allow },
  VatBox: { '*': allow },
  VatReturnEvent: { '*': allow },
  VatCorrectionLine: { '*': allow },
  VatDifference: { '*': allow },
  IcpLine: { '*': allow },
  VatSuppletie: { '*': allow },
  VatSuppletiePayload: { '*': allow },
  VatStatus: { '*': allow },
  VatReturnPayload: { '*': allow },
  VatOverviewConnection: { '*': allow },
  VatOverviewEdge: { '*': allow },
  VatOverviewRow: { '*': allow },
  VatStatusCount: { '*': allow },
};
