import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The ledger's part of an administration (owned by tenancy). */
@Directive('@key(fields: "id")')
@ObjectType('Administration')
export class LedgerAdministration {
  @Field(() => ID, { description: 'Stable id of the administration.' }) id!: string;
}
