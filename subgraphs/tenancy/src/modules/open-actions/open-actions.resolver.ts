import { createPermissionLoader, issuedPrincipal } from '@kantoor/platform';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { TenancyContext } from '../../context.js';
import { Administration } from '../administration/administration.type.js';
import { OpenActions } from './open-actions.type.js';

const latest = (dates: (Date | null)[]): Date | null =>
  dates.reduce<Date | null>((a, d) => (d && (!a || d > a) ? d : a), null);

@Resolver(() => Administration)
export class OpenActionsResolver {
  @FieldResolver(() => OpenActions, {
    nullable: true,
    description: "The viewer's open actions here.",
  })
  async openActions(
    @Root() administration: Administration,
    @Ctx() ctx: TenancyContext,
  ): Promise<OpenActions> {
    const principal = issuedPrincipal(administration);
    const permissions = principal
      ? createPermissionLoader(ctx.runtime.dataSource, principal)
      : ctx.permissions;
    const [may, row, entity] = await Promise.all([
      permissions.load(administration.id),
      ctx.loaders.openActions.load(administration.id),
      ctx.loaders.administration.load(administration.id),
    ]);
    const ledger = may.has('LEDGER_READ');
    const invoicing = may.has('INVOICING_READ');
    const vat = may.has('VAT_READ');
    const counts = {
      draftEntries: ledger ? (row?.draftEntries ?? 0) : 0,
      unprocessedBankTransactions: ledger ? (row?.unprocessedBankTransactions ?? 0) : 0,
      bankBalanceDifferences: ledger ? (row?.bankBalanceDifferences ?? 0) : 0,
      draftInvoices: invoicing ? (row?.draftInvoices ?? 0) : 0,
      overdueInvoices: invoicing ? (row?.overdueInvoices ?? 0) : 0,
      vatReturnsToFile: vat ? (row?.vatReturnsToFile ?? 0) : 0,
    };
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    // The latest report of a module the viewer reads; before any, the administration's creation.
    const updatedAt =
      latest([
        ledger ? (row?.ledgerCountedAt ?? null) : null,
        invoicing ? (row?.invoicingCountedAt ?? null) : null,
        vat ? (row?.vatCountedAt ?? null) : null,
      ]) ??
      entity?.createdAt ??
      new Date();
    return Object.assign(new OpenActions(), { ...counts, total, updatedAt });
  }
}
