import { allow, can, isAuthenticated, type RuleMap } from '@kantoor/platform';

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
  Query: { vatOverview: isAuthenticated },
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
  PageInfo: { '*': allow },
  UserError: { '*': allow },
};
