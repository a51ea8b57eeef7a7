import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { CustomerEntity } from './customer.entity.js';

@ObjectType('Customer', { description: 'A customer (debiteur) that receives invoices.' })
export class Customer {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) vatNumber!: string | null;

  static from(e: CustomerEntity): Customer {
    return Object.assign(new Customer(), {
      id: e.id,
      name: e.name,
      email: e.email,
      vatNumber: e.vatNumber,
    });
  }
}

/** Invoicing's part of an administration (owned by tenancy). */
@Directive('@key(fields: "id")')
@ObjectType('Administration')
export class InvoicingAdministration {
  @Field(() => ID) id!: string;
}
