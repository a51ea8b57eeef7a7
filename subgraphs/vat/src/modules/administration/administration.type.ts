import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The VAT module's part of an administration (owned by tenancy). */
@Directive('@key(fields: "id")')
@ObjectType('Administration')
export class VatAdministration {
  @Field(() => ID, { description: 'Stable id of the administration.' }) id!: string;
}
