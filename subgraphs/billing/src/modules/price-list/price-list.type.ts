import { DateScalar, DecimalScalar, type Decimal } from '@kantoor/platform';
import { Field, ObjectType } from 'type-graphql';

@ObjectType('PriceListItem', {
  description: 'One billable item and its monthly unit price excl. VAT.',
})
export class PriceListItem {
  @Field(() => String, { description: 'Stable item code, e.g. DASHBOARD_USER.' }) code!: string;
  @Field(() => String) description!: string;
  @Field(() => DecimalScalar, { description: 'Monthly price excl. 21% VAT.' }) unitPrice!: Decimal;
}

@ObjectType('PriceList', { description: 'The prices in force from a month on (prijslijst).' })
export class PriceList {
  @Field(() => DateScalar, { description: 'First day of the first month these prices apply to.' })
  effectiveFrom!: string;
  @Field(() => [PriceListItem]) items!: PriceListItem[];
}
