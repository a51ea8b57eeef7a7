import { AfterArg } from '@kantoor/platform';
import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { InvoicingContext } from '../../context.js';
import { withInvoicingUserErrors } from '../common/invoicing.errors.js';
import {
  CreateCustomerInput,
  Customer,
  CustomerConnection,
  CustomerPayload,
  UpdateCustomerInput,
} from './customer.type.js';
import { InvoicingAdministration } from '../administration/administration.type.js';

@Resolver(() => InvoicingAdministration)
export class CustomerAdministrationResolver {
  @FieldResolver(() => CustomerConnection, {
    nullable: true,
    description: 'INVOICING_READ. Ordered by name.',
  })
  async customers(
    @Root() administration: InvoicingAdministration,
    @Ctx() ctx: InvoicingContext,
    @Arg('first', () => Int, {
      nullable: true,
      description: 'Page size (default 50, at most 500; 0 gives only totalCount).',
    })
    first?: number,
    @AfterArg()
    after?: string,
    @Arg('search', () => String, {
      nullable: true,
      description:
        'Part of the name, debtor number, e-mail address or VAT number, case-insensitive.',
    })
    search?: string,
  ): Promise<CustomerConnection> {
    const page = await ctx.services.customers.page(administration.id, first, after, search);
    return {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: Customer.from(e.node) })),
    };
  }
}

@Resolver()
export class CustomerMutationResolver {
  @Mutation(() => CustomerPayload, {
    description:
      'INVOICING_WRITE. Codes: EMPTY_NAME, DUPLICATE_CUSTOMER_NUMBER, INVALID_VAT_NUMBER, INVALID_KVK_NUMBER, INVALID_EMAIL.',
  })
  createCustomer(
    @Arg('input', () => CreateCustomerInput, { description: 'The new customer.' })
    input: CreateCustomerInput,
    @Ctx() ctx: InvoicingContext,
  ): Promise<CustomerPayload> {
    return withInvoicingUserErrors(async () => ({
      customer: Customer.from(
        await ctx.services.customers.create(input.administrationId, input, ctx),
      ),
    }));
  }

  @Mutation(() => CustomerPayload, {
    description:
      'INVOICING_WRITE. Codes: CUSTOMER_NOT_FOUND, EMPTY_NAME, INVALID_VAT_NUMBER, INVALID_KVK_NUMBER, INVALID_EMAIL, INVALID_COUNTRY_CODE, INVALID_PAYMENT_TERM.',
  })
  updateCustomer(
    @Arg('input', () => UpdateCustomerInput, { description: 'The customer and what changes.' })
    input: UpdateCustomerInput,
    @Ctx() ctx: InvoicingContext,
  ): Promise<CustomerPayload> {
    return withInvoicingUserErrors(async () => ({
      customer: Customer.from(
        await ctx.services.customers.update(input.administrationId, input, ctx),
      ),
    }));
  }
}
