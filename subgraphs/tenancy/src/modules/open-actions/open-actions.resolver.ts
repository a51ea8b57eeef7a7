import {
  createPermissionLoader,
  issuedPrincipal,
  settled,
  type Permission,
} from '@kantoor/platform';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { TenancyContext } from '../../context.js';
import { Administration } from '../administration/administration.type.js';
import type { AdministrationEntity } from '../administration/administration.entity.js';
import type { OpenActionsRow } from './open-actions.service.js';
import { OpenActions } from './open-actions.type.js';

const latest = (dates: (Date | null)[]): Date | null =>
  dates.reduce<Date | null>((a, d) => (d && (!a || d > a) ? d : a), null);

/** The counts of the modules the viewer may read (others count 0), their total and date. */
function openActionsOf(
  may: ReadonlySet<Permission>,
  row: OpenActionsRow | null,
  entity: AdministrationEntity | null,
): OpenActions {
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

@Resolver(() => Administration)
export class OpenActionsResolver {
  @FieldResolver(() => OpenActions, {
    nullable: true,
    description: "The viewer's open actions here.",
  })
  openActions(
    @Root() administration: Administration,
    @Ctx() ctx: TenancyContext,
  ): OpenActions | Promise<OpenActions> {
    const principal = issuedPrincipal(administration);
    const id = administration.id;
    if (!principal) {
      // A page primes all three for its rows (administration-page.ts): answer at once, not
      // with three loads and a promise per administration.
      const may = settled(ctx.permissions, id);
      const row = settled(ctx.loaders.openActions, id);
      const entity = settled(ctx.loaders.administration, id);
      if (may !== undefined && row !== undefined && entity !== undefined) {
        return openActionsOf(may, row, entity);
      }
    }
    const permissions = principal
      ? createPermissionLoader(ctx.runtime.dataSource, principal)
      : ctx.permissions;
    return Promise.all([
      permissions.load(id),
      ctx.loaders.openActions.load(id),
      ctx.loaders.administration.load(id),
    ]).then(([may, row, entity]) => openActionsOf(may, row, entity));
  }
}
