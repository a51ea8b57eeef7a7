import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { LedgerContext } from '../../context.js';
import { LedgerAdministration } from '../administration/administration.type.js';
import { LedgerStatus } from './status.type.js';

@Resolver(() => LedgerAdministration)
export class LedgerStatusResolver {
  @FieldResolver(() => LedgerStatus, {
    nullable: true,
    description:
      'LEDGER_READ. Open actions for the dashboard; null while the books are not open. One query for a whole page of administrations.',
  })
  async ledgerStatus(
    @Root() administration: LedgerAdministration,
    @Ctx() ctx: LedgerContext,
  ): Promise<LedgerStatus | null> {
    const status = await ctx.loaders.ledgerStatus.load(administration.id);
    return status ? Object.assign(new LedgerStatus(), status, { id: administration.id }) : null;
  }
}
