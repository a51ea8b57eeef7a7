import { assertOps, withUserErrors } from '@kantoor/platform';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { BILLING_ERRORS } from '../common/billing.errors.js';
import type { BillingContext } from '../../context.js';
import {
  BillingOffice,
  BillingStatement,
  RunBillingInput,
  RunBillingPayload,
} from './statement.type.js';

@Resolver(() => BillingOffice)
export class BillingOfficeResolver {
  @FieldResolver(() => BillingStatement, {
    nullable: true,
    description:
      'Office ADMIN only: what the office will pay for the current month so far, trial discounts applied.',
  })
  async billingPreview(
    @Root() office: BillingOffice,
    @Ctx() ctx: BillingContext,
  ): Promise<BillingStatement | null> {
    const view = await ctx.loaders.previews.load(office.id);
    return view ? BillingStatement.from(office.id, view) : null;
  }

  @FieldResolver(() => [BillingStatement], {
    nullable: true,
    description: 'Office ADMIN only: statements of past billing runs, newest first.',
  })
  async billingStatements(
    @Root() office: BillingOffice,
    @Ctx() ctx: BillingContext,
  ): Promise<BillingStatement[]> {
    return (await ctx.loaders.statements.load(office.id)).map((v) =>
      BillingStatement.from(office.id, v),
    );
  }
}

@Resolver()
export class BillingRunResolver {
  @Mutation(() => RunBillingPayload, {
    description:
      'OPS only. Idempotent per period: one immutable statement per office for a month that has ended.',
  })
  async runBilling(
    @Arg('input', () => RunBillingInput, { description: 'The month to bill.' })
    input: RunBillingInput,
    @Ctx() ctx: BillingContext,
  ): Promise<RunBillingPayload> {
    const result = await withUserErrors(BILLING_ERRORS, async () => ({
      statementsCreated: await ctx.services.statements.run(
        input.period,
        assertOps(ctx.viewer).userId,
      ),
    }));
    return Object.assign(new RunBillingPayload(), result);
  }
}
