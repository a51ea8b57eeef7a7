import { withUserErrors, FirstArg, AfterArg } from '@kantoor/platform';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { BILLING_ERRORS } from '../common/billing.errors.js';
import type { BillingContext } from '../../context.js';
import {
  PriceList,
  PriceListConnection,
  SetPriceListInput,
  SetPriceListPayload,
} from './price-list.type.js';

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

  @Query(() => PriceListConnection, {
    nullable: true,
    description: 'OPS only: every price list version, scheduled ones included, the latest first.',
  })
  async priceLists(
    @Ctx() ctx: BillingContext,
    @FirstArg()
    first?: number,
    @AfterArg()
    after?: string,
  ): Promise<PriceListConnection> {
    const page = await ctx.services.priceLists.page(first, after);
    return {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: PriceList.from(e.node) })),
    };
  }

  @Mutation(() => SetPriceListPayload, {
    description:
      'OPS only. Schedules new prices from a future month (prijswijziging); past statements never change.',
  })
  setPriceList(
    @Arg('input', () => SetPriceListInput, { description: 'The month and the new prices.' })
    input: SetPriceListInput,
    @Ctx() ctx: BillingContext,
  ): Promise<SetPriceListPayload> {
    return withUserErrors(BILLING_ERRORS, async () => ({
      priceList: PriceList.from(
        await ctx.services.priceLists.schedule(input.fromPeriod, input.items),
      ),
    }));
  }
}
