import { Ctx, Query, Resolver } from 'type-graphql';
import type { BillingContext } from '../../context.js';
import { PriceList, PriceListItem } from './price-list.type.js';

@Resolver(() => PriceList)
export class PriceListResolver {
  @Query(() => PriceList, {
    nullable: true,
    description: 'Office ADMIN or OPS: the price list in force today.',
  })
  async priceList(@Ctx() ctx: BillingContext): Promise<PriceList | null> {
    const found = await ctx.services.priceLists.inForceOn(ctx.clock.today());
    if (!found) return null;
    return Object.assign(new PriceList(), {
      effectiveFrom: found.list.effectiveFrom,
      items: found.items.map((i) =>
        Object.assign(new PriceListItem(), {
          code: i.code,
          description: i.description,
          unitPrice: i.unitPrice,
        }),
      ),
    });
  }
}
