import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { VatContext } from '../../context.js';
import { VatAdministration, VatReturn } from './vat-return.type.js';

@Resolver(() => VatAdministration)
export class VatAdministrationResolver {
  @FieldResolver(() => [VatReturn], {
    nullable: true,
    description: 'VAT_READ; newest period first.',
  })
  async vatReturns(
    @Root() administration: VatAdministration,
    @Ctx() ctx: VatContext,
  ): Promise<VatReturn[]> {
    return (await ctx.loaders.vatReturns.load(administration.id)).map(VatReturn.from);
  }
}

export function resolveVatAdministrationReference(reference: { id: string }): VatAdministration {
  return Object.assign(new VatAdministration(), { id: reference.id });
}
