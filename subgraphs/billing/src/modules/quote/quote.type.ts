import { DateScalar, DecimalScalar, type Decimal } from '@kantoor/platform';
import { Field, Int, ObjectType } from 'type-graphql';
import {
  AdministrationKindEnum,
  ModuleEnum,
  type AdministrationKind,
  type Module,
} from './quote.enums.js';

@ObjectType({
  description:
    'What one more administration of a kind adds to the monthly bill at the office’s current volume.',
})
export class PriceQuote {
  @Field(() => AdministrationKindEnum, { description: 'The kind asked for.' })
  kind!: AdministrationKind;
  @Field(() => [ModuleEnum], {
    description: 'The client modules asked for (INTERNAL_WITH_CLIENT_LOGIN); empty otherwise.',
  })
  clientModules!: Module[];
  @Field(() => String, {
    description: 'The price list item it is billed as, e.g. INTERNAL_26_100.',
  })
  code!: string;
  @Field(() => String, {
    description: 'The price list item\'s description, e.g. "Internal administration, 26-100".',
  })
  description!: string;
  @Field(() => DecimalScalar, { description: 'Per month, excl. 21% VAT.' }) monthlyPrice!: Decimal;
  @Field(() => DecimalScalar, { description: '21% VAT on monthlyPrice, rounded half up.' })
  vat!: Decimal;
  @Field(() => DecimalScalar, { description: 'monthlyPrice + vat, per month.' })
  monthlyPriceInclVat!: Decimal;
  @Field(() => Int, {
    description:
      'Administrations the office has now that are billed alike (INTERNAL: the volume the tier is taken from).',
  })
  currentCount!: number;
  @Field(() => Date, {
    nullable: true,
    description: 'While the free trial runs (until this instant) nothing is charged.',
  })
  trialEndsAt!: Date | null;
  @Field(() => DateScalar, { description: 'The price list the quote is taken from.' })
  priceListEffectiveFrom!: string;
}
