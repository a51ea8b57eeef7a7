import { withUserErrors } from '@kantoor/platform';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { BILLING_ERRORS } from '../common/billing.errors.js';
import type { BillingContext } from '../../context.js';
import { PriceList, SetPriceListInput, SetPriceListPayload } from './price-list.type.js';

@Resolver(() => PriceList)
export class PriceListResolver {
  @Query(() => PriceList, {
    nullable: true,
    description: 'Office ADMIN or OPS: the price list in force today.',
  })
  async priceList(@Ctx() ctx: BillingContext): Promise<PriceList | null> {
    const found = await ctx.services.priceLists.inForceOn(ctx.clock.today());
    return found ? PriceList.from(found) : null;
  }

  @Query(() => [PriceList], {
    nullable: true,
    description: 'OPS only: every price list version, scheduled ones included, the latest first.',
  })
  async priceLists(@Ctx() ctx: BillingContext): Promise<PriceList[]> {
    return (await ctx.services.priceLists.all()).map((found) => PriceList.from(found));
  }

  @Mutation(() => SetPriceListPayload, {
    description:
      'OPS only. Schedules new prices from a future month (prijswijziging); past statements never change.',
  })
  setPriceList(
    @Arg('input', () => SetPriceListInput) input: SetPriceListInput,
    @Ctx() ctx: BillingContext,
  ): Promise<SetPriceListPayload> {
    return withUserErrors(BILLING_ERRORS, async () => ({
      priceList: PriceList.from(
        await ctx.services.priceLists.schedule(input.fromPeriod, input.items),
      ),
    }));
  }
}
