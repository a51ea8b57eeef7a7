import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfo, UserError } from '@kantoor/platform';
import type { CustomerEntity } from './customer.entity.js';

@ObjectType('Address', { description: "A customer's postal address (factuuradres)." })
export class Address {
  @Field(() => String, {
    nullable: true,
    description: 'Street and house number, e.g. "Keizersgracht 12".',
  })
  street!: string | null;
  @Field(() => String, { nullable: true, description: 'Postcode, e.g. "1015 CS".' })
  postalCode!: string | null;
  @Field(() => String, { nullable: true, description: 'City (plaats).' }) city!: string | null;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2, e.g. NL.' }) countryCode!: string;
}

@InputType('AddressInput', { description: "A customer's postal address (factuuradres)." })
export class AddressInput {
  @Field(() => String, { nullable: true, description: 'Street and house number.' })
  street?: string | null;
  @Field(() => String, { nullable: true, description: 'Postcode, at most 20 characters.' })
  postalCode?: string | null;
  @Field(() => String, { nullable: true, description: 'City (plaats).' }) city?: string | null;
  @Field(() => String, {
    description: 'ISO 3166-1 alpha-2, e.g. NL (case-insensitive; INVALID_COUNTRY_CODE otherwise).',
  })
  countryCode!: string;
}

@ObjectType('Customer', { description: 'A customer (debiteur).' })
export class Customer {
  @Field(() => ID, { description: 'Stable id of the customer.' }) id!: string;
  administrationId!: string;
  @Field(() => String, {
    description:
      'Debtor number, unique per administration; assigned (1001, 1002, ...) when not given.',
  })
  number!: string;
  @Field(() => String, { description: 'Name of the customer (company or person).' })
  name!: string;
  @Field(() => String, { nullable: true, description: 'E-mail address for invoices.' })
  email!: string | null;
  @Field(() => Address, {
    nullable: true,
    description:
      'Postal address; null when none was given (no street, postcode or city, country NL).',
  })
  address!: Address | null;
  @Field(() => String, {
    nullable: true,
    description:
      'VAT identification number (btw-id), normalised: upper case without spaces or dots, e.g. NL123456789B01.',
  })
  vatNumber!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Chamber of Commerce number (KvK-nummer): eight digits.',
  })
  kvkNumber!: string | null;
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

@ObjectType('CustomerEdge', { description: 'A customer and its cursor.' })
export class CustomerEdge {
  @Field(() => String, { description: 'Opaque cursor of this edge, for `after`.' })
  cursor!: string;
  @Field(() => Customer, { description: 'The customer.' }) node!: Customer;
}

@ObjectType('CustomerConnection', { description: 'A page of customers (debiteuren), by name.' })
export class CustomerConnection {
  @Field(() => [CustomerEdge], { description: 'The customers of this page.' })
  edges!: CustomerEdge[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages follow.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Customers that match the search, not just this page.' })
  totalCount!: number;
}

@InputType('CreateCustomerInput', { description: 'A new customer (debiteur).' })
export class CreateCustomerInput {
  @Field(() => ID, { description: 'The administration the customer belongs to.' })
  administrationId!: string;
  @Field(() => String, { description: 'Name of the customer; not blank (EMPTY_NAME).' })
  name!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'Debtor number: 1 to 20 letters, digits, ".", "_" or "-", unique (DUPLICATE_CUSTOMER_NUMBER); the next free number from 1001 when omitted.',
  })
  number?: string | null;
  @Field(() => String, { nullable: true, description: 'E-mail address for invoices.' })
  email?: string | null;
  @Field(() => AddressInput, { nullable: true, description: 'Postal address; none when omitted.' })
  address?: AddressInput | null;
  @Field(() => String, {
    nullable: true,
    description:
      'EU VAT number (btw-id), spaces and dots allowed; required before an invoice with VEU or VVERL can be finalized.',
  })
  vatNumber?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'KvK-nummer: eight digits, spaces and dots allowed.',
  })
  kvkNumber?: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Payment term in days (betalingstermijn), 0 to 365; 30 when omitted.',
  })
  paymentTermDays?: number | null;
}

@InputType('UpdateCustomerInput', {
  description: 'An omitted field stays as it is; null clears email, address, vatNumber, kvkNumber.',
})
export class UpdateCustomerInput {
  @Field(() => ID, { description: 'The administration the customer belongs to.' })
  administrationId!: string;
  @Field(() => ID, { description: 'The customer to change.' }) customerId!: string;
  @Field(() => String, { nullable: true, description: 'New name; not blank.' })
  name?: string | null;
  @Field(() => String, { nullable: true, description: 'New e-mail address; null clears it.' })
  email?: string | null;
  @Field(() => AddressInput, {
    nullable: true,
    description: 'New postal address (replaces the whole address); null clears it.',
  })
  address?: AddressInput | null;
  @Field(() => String, { nullable: true, description: 'New EU VAT number; null clears it.' })
  vatNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'New KvK-nummer; null clears it.' })
  kvkNumber?: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'New payment term in days, 0 to 365; applies to invoices finalized from now on.',
  })
  paymentTermDays?: number | null;
}

@ObjectType('CustomerPayload', { description: 'The result of createCustomer or updateCustomer.' })
export class CustomerPayload {
  @Field(() => Customer, {
    nullable: true,
    description: 'The customer as saved; null when userErrors is not empty.',
  })
  customer?: Customer | null;
  @Field(() => [UserError], {
    description: 'Why nothing was saved (one per problem); empty on success.',
  })
  userErrors!: UserError[];
}
