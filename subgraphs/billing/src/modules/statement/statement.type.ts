import { DateScalar, DecimalScalar, UserError, type Decimal } from '@kantoor/platform';
import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { StatementView } from './statement.service.js';

@ObjectType({ description: 'One line of a statement (factuurregel): one kind of billable item.' })
export class BillingLine {
  @Field(() => String, {
    description: 'Price list item code (e.g. DASHBOARD_USER, INTERNAL_26_100) or TRIAL_DISCOUNT.',
  })
  code!: string;
  @Field(() => String, {
    description:
      'What is billed, for people, e.g. "Dashboard user (staff)" or "Free trial (proefperiode): 12 days free".',
  })
  description!: string;
  @Field(() => Int, {
    description:
      'Number of billable items (users, administrations) in the line. Graduated tiers split the internal administrations by number (first 25, next 75, the rest); their amounts follow the day-weighted count (weightedQuantity).',
  })
  quantity!: number;
  @Field(() => DecimalScalar, {
    description:
      'Day-weighted count: items x days they existed / days in the month (4 decimals). amount = unitPrice x this, rounded half up to cents.',
  })
  weightedQuantity!: Decimal;
  @Field(() => DecimalScalar, { description: 'Monthly price excl. VAT.' }) unitPrice!: Decimal;
  @Field(() => DecimalScalar, { description: 'Excl. VAT, rounded half up to cents.' })
  amount!: Decimal;
}

@ObjectType({
  description: 'What an office pays for a month (maandoverzicht), excl. and incl. 21% VAT.',
})
export class BillingStatement {
  @Field(() => ID, {
    description:
      "Stable id: the office's id and the period; a preview's ends in :preview (it changes until the run).",
  })
  id!: string;
  @Field(() => String, { description: 'YYYY-MM' }) period!: string;
  @Field(() => DateScalar, { description: 'First day covered.' }) from!: string;
  @Field(() => DateScalar, {
    description: 'Last day covered: the month end, or today for a preview.',
  })
  to!: string;
  @Field(() => Date, {
    nullable: true,
    description: 'When the billing run made this statement; null for a preview.',
  })
  issuedAt!: Date | null;
  @Field(() => [BillingLine], {
    description:
      'One line per price list item billed (each internal tier its own line), in price list order; the trial discount (a negative amount) last.',
  })
  lines!: BillingLine[];
  @Field(() => DecimalScalar, { description: 'Sum of the line amounts, excl. VAT.' })
  totalExclVat!: Decimal;
  @Field(() => DecimalScalar, { description: '21% of totalExclVat, rounded half up.' })
  vat!: Decimal;
  @Field(() => DecimalScalar, { description: 'totalExclVat + vat: what the office pays.' })
  totalInclVat!: Decimal;

  static from(officeId: string, view: StatementView): BillingStatement {
    return Object.assign(new BillingStatement(), {
      ...view,
      id: `${officeId}:${view.period}${view.issuedAt === null ? ':preview' : ''}`,
      lines: view.lines.map((l) => Object.assign(new BillingLine(), l)),
    });
  }
}

/** The billing subgraph's part of an office (owned by tenancy). */
@Directive('@key(fields: "id")')
@ObjectType('Office')
export class BillingOffice {
  @Field(() => ID, { description: 'Stable id of the office (kantoor).' }) id!: string;
}

export function resolveBillingOfficeReference(reference: { id: string }): BillingOffice {
  return Object.assign(new BillingOffice(), { id: reference.id });
}

@InputType({ description: 'The month a billing run makes statements for.' })
export class RunBillingInput {
  @Field(() => String, { description: 'YYYY-MM, a month that has ended.' }) period!: string;
}

@ObjectType({ description: 'The result of runBilling.' })
export class RunBillingPayload {
  @Field(() => Int, {
    description: 'Number of statements created by this run; running a period again creates none.',
  })
  statementsCreated = 0;
  @Field(() => [UserError], {
    description:
      'Why the run did not happen (e.g. PERIOD_NOT_ENDED, NO_PRICE_LIST); empty on success.',
  })
  userErrors!: UserError[];
}
