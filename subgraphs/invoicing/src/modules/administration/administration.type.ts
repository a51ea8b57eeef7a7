import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Invoicing's part of an administration (owned by tenancy). */
@Directive('@key(fields: "id")')
@ObjectType('Administration')
export class InvoicingAdministration {
  @Field(() => ID, { description: 'Stable id of the administration.' }) id!: string;
}
