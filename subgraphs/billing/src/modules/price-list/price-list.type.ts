import {
  DateScalar,
  DecimalScalar,
  PageInfo,
  UserError,
  type Decimal,
  type DecimalInput,
} from '@kantoor/platform';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { PriceListWithItems } from './price-list.service.js';

@ObjectType('PriceListItem', {
  description: 'One billable item and its monthly unit price excl. VAT.',
})
export class PriceListItem {
  @Field(() => String, { description: 'Stable item code, e.g. DASHBOARD_USER.' }) code!: string;
  @Field(() => String, {
    description: 'What the item is, for people, e.g. "Dashboard user (staff)".',
  })
  description!: string;
  @Field(() => DecimalScalar, { description: 'Monthly price excl. 21% VAT.' }) unitPrice!: Decimal;
}

@ObjectType('PriceList', { description: 'The prices in force from a month on (prijslijst).' })
export class PriceList {
  @Field(() => ID, { description: 'Stable id of this price list.' }) id!: string;
  @Field(() => DateScalar, { description: 'First day of the first month these prices apply to.' })
  effectiveFrom!: string;
  @Field(() => [PriceListItem], {
    description: 'Every billable item with its price, in price list order.',
  })
  items!: PriceListItem[];

  static from(found: PriceListWithItems): PriceList {
    return Object.assign(new PriceList(), {
      id: found.list.id,
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

@InputType({ description: 'A new monthly unit price (excl. VAT) for one price list item.' })
export class PriceListItemInput {
  @Field(() => String, { description: 'Item code, e.g. DASHBOARD_USER.' }) code!: string;
  @Field(() => DecimalScalar, { description: 'At least "0.00", at most 2 decimals.' })
  unitPrice!: DecimalInput;
}

@ObjectType({ description: 'A price list version and its cursor.' })
export class PriceListEdge {
  @Field(() => String, { description: 'Opaque cursor of this edge, for `after`.' })
  cursor!: string;
  @Field(() => PriceList, { description: 'The price list version.' }) node!: PriceList;
}

@ObjectType({ description: 'A page of price list versions, the latest first.' })
export class PriceListConnection {
  @Field(() => [PriceListEdge], { description: 'The versions of this page.' })
  edges!: PriceListEdge[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages follow.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'All versions, not just this page.' }) totalCount!: number;
}

@InputType({
  description: 'New prices from a future month on: a new price list version (prijswijziging).',
})
export class SetPriceListInput {
  @Field(() => String, {
    description:
      'YYYY-MM: the first month the prices apply to; a month after the current one. Statements already made never change.',
  })
  fromPeriod!: string;
  @Field(() => [PriceListItemInput], {
    description: 'The prices that change; every other item keeps the price in force then.',
  })
  items!: PriceListItemInput[];
}

@ObjectType({ description: 'The result of setPriceList.' })
export class SetPriceListPayload {
  @Field(() => PriceList, {
    nullable: true,
    description: 'The scheduled price list version; null when userErrors is not empty.',
  })
  priceList?: PriceList | null;
  @Field(() => [UserError], {
    description:
      'Why nothing was scheduled (e.g. PERIOD_NOT_IN_FUTURE, UNKNOWN_ITEM); empty on success.',
  })
  userErrors!: UserError[];
}
