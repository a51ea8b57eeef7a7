import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfo, UserError } from '@kantoor/platform';
import type { CustomerEntity } from './customer.entity.js';

@ObjectType('Address')
export class Address {
  @Field(() => String, { nullable: true }) street!: string | null;
  @Field(() => String, { nullable: true }) postalCode!: string | null;
  @Field(() => String, { nullable: true }) city!: string | null;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2, e.g. NL.' }) countryCode!: string;
}

@InputType('AddressInput')
export class AddressInput {
  @Field(() => String, { nullable: true }) street?: string | null;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String) countryCode!: string;
}

@ObjectType('Customer', { description: 'A customer (debiteur).' })
export class Customer {
  @Field(() => ID) id!: string;
  administrationId!: string;
  @Field(() => String, {
    description:
      'Debtor number, unique per administration; assigned (1001, 1002, ...) when not given.',
  })
  number!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => Address, { nullable: true }) address!: Address | null;
  @Field(() => String, { nullable: true }) vatNumber!: string | null;
  @Field(() => String, { nullable: true }) kvkNumber!: string | null;
  @Field(() => Int, { description: 'Payment term in days (betalingstermijn); 30 when not given.' })
  paymentTermDays!: number;

  static from(e: CustomerEntity): Customer {
    const hasAddress = e.street || e.postalCode || e.city || e.countryCode !== 'NL';
    return Object.assign(new Customer(), {
      id: e.id,
      administrationId: e.administrationId,
      number: e.number,
      name: e.name,
      email: e.email,
      address: hasAddress
        ? Object.assign(new Address(), {
            street: e.street,
            postalCode: e.postalCode,
            city: e.city,
            countryCode: e.countryCode,
          })
        : null,
      vatNumber: e.vatNumber,
      kvkNumber: e.kvkNumber,
      paymentTermDays: e.paymentTermDays,
    });
  }
}

@ObjectType('CustomerEdge')
export class CustomerEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Customer) node!: Customer;
}

@ObjectType('CustomerConnection')
export class CustomerConnection {
  @Field(() => [CustomerEdge]) edges!: CustomerEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@InputType('CreateCustomerInput')
export class CreateCustomerInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) number?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => AddressInput, { nullable: true }) address?: AddressInput | null;
  @Field(() => String, { nullable: true }) vatNumber?: string | null;
  @Field(() => String, { nullable: true }) kvkNumber?: string | null;
  @Field(() => Int, { nullable: true }) paymentTermDays?: number | null;
}

@InputType('UpdateCustomerInput', {
  description: 'An omitted field stays as it is; null clears email, address, vatNumber, kvkNumber.',
})
export class UpdateCustomerInput {
  @Field(() => ID) administrationId!: string;
  @Field(() => ID) customerId!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => AddressInput, { nullable: true }) address?: AddressInput | null;
  @Field(() => String, { nullable: true }) vatNumber?: string | null;
  @Field(() => String, { nullable: true }) kvkNumber?: string | null;
  @Field(() => Int, { nullable: true }) paymentTermDays?: number | null;
}

@ObjectType('CustomerPayload')
export class CustomerPayload {
  @Field(() => Customer, { nullable: true }) customer?: Customer | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}
