import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { LedgerContext } from '../../context.js';
import { Account, LedgerAdministration } from './account.type.js';

@Resolver(() => LedgerAdministration)
export class LedgerAdministrationResolver {
  @FieldResolver(() => [Account], { nullable: true, description: 'LEDGER_READ' })
  async accounts(
    @Root() administration: LedgerAdministration,
    @Ctx() ctx: LedgerContext,
  ): Promise<Account[]> {
    const rows = await ctx.loaders.accounts.load(administration.id);
    return rows.map((r) =>
      Object.assign(new Account(), {
        id: r.id,
        code: r.code,
        name: r.name,
        type: r.type,
        rgsCode: r.rgsCode,
      }),
    );
  }
}

/** `_entities`: the ledger knows administrations only by id; its fields carry the rules. */
export function resolveLedgerAdministrationReference(reference: {
  id: string;
}): LedgerAdministration {
  return Object.assign(new LedgerAdministration(), { id: reference.id });
}
