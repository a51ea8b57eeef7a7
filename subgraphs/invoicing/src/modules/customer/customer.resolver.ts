import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { InvoicingContext } from '../../context.js';
import { Customer, InvoicingAdministration } from './customer.type.js';

@Resolver(() => InvoicingAdministration)
export class InvoicingAdministrationResolver {
  @FieldResolver(() => [Customer], { nullable: true, description: 'INVOICING_READ' })
  async customers(
    @Root() administration: InvoicingAdministration,
    @Ctx() ctx: InvoicingContext,
  ): Promise<Customer[]> {
    return (await ctx.loaders.customers.load(administration.id)).map(Customer.from);
  }
}

export function resolveInvoicingAdministrationReference(reference: {
  id: string;
}): InvoicingAdministration {
  return Object.assign(new InvoicingAdministration(), { id: reference.id });
}
