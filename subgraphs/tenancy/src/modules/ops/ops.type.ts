import { PageInfo, UserError } from '@kantoor/platform';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Office } from '../user/user.type.js';

@ObjectType()
export class OfficeEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Office) node!: Office;
}

@ObjectType()
export class OfficeConnection {
  @Field(() => [OfficeEdge]) edges!: OfficeEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType({ description: 'What an office has now: the counts its bill is made of.' })
export class OfficeUsage {
  @Field(() => ID, { description: "The office's id: one usage per office." }) id!: string;
  @Field(() => Int, { description: 'Active STAFF users (dashboard users).' }) staffUsers!: number;
  @Field(() => Int, { description: 'Active CLIENT logins.' }) clientUsers!: number;
  @Field(() => Int, { description: 'Internal administrations, not archived.' })
  internalAdministrations!: number;
  @Field(() => Int, { description: 'Internal administrations with client login, not archived.' })
  clientLoginAdministrations!: number;
  @Field(() => Int, { description: 'Linked external administrations, not archived.' })
  externalAdministrations!: number;
}

@InputType()
export class SuspendOfficeInput {
  @Field(() => ID) officeId!: string;
  @Field(() => Boolean) suspended!: boolean;
}

@ObjectType()
export class SuspendOfficePayload {
  @Field(() => Office, { nullable: true }) office?: Office | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}
