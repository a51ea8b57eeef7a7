import { assertOfficeAdmin } from '@kantoor/platform';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { BillingContext } from '../../context.js';
import {
  AdministrationKindEnum,
  ModuleEnum,
  type AdministrationKind,
  type Module,
} from './quote.enums.js';
import { PriceQuote } from './quote.type.js';

@Resolver(() => PriceQuote)
export class QuoteResolver {
  @Query(() => PriceQuote, {
    nullable: true,
    description:
      'Office ADMIN only: what one more administration of this kind would add per month at the office’s current volume (before creating it).',
  })
  async priceQuote(
    @Arg('kind', () => AdministrationKindEnum, {
      description: 'The kind of administration the office considers creating.',
    })
    kind: AdministrationKind,
    @Ctx() ctx: BillingContext,
    @Arg('clientModules', () => [ModuleEnum], {
      nullable: true,
      description: 'INTERNAL_WITH_CLIENT_LOGIN only: the modules the client would use.',
    })
    clientModules?: Module[] | null,
  ): Promise<PriceQuote | null> {
    const { officeId } = assertOfficeAdmin(ctx.viewer);
    const quote = await ctx.services.quotes.quote(officeId, kind, clientModules ?? []);
    return quote ? Object.assign(new PriceQuote(), quote) : null;
  }
}
