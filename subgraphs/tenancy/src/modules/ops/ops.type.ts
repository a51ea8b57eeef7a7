import { PageInfo, UserError } from '@kantoor/platform';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Office } from '../user/user.type.js';

@ObjectType({ description: 'An office and its cursor.' })
export class OfficeEdge {
  @Field(() => String, { description: 'Opaque cursor of this edge, for `after`.' })
  cursor!: string;
  @Field(() => Office, { description: 'The office.' }) node!: Office;
}

@ObjectType({ description: 'A page of offices, by name.' })
export class OfficeConnection {
  @Field(() => [OfficeEdge], { description: 'The offices of this page.' }) edges!: OfficeEdge[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages follow.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Offices that match the search, not just this page.' })
  totalCount!: number;
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

@InputType({ description: 'An office to suspend or let back in.' })
export class SuspendOfficeInput {
  @Field(() => ID, { description: 'The office.' }) officeId!: string;
  @Field(() => Boolean, { description: 'true suspends it; false lifts the suspension.' })
  suspended!: boolean;
}

@ObjectType({ description: 'The result of suspendOffice.' })
export class SuspendOfficePayload {
  @Field(() => Office, {
    nullable: true,
    description: 'The office after the change; null when userErrors is not empty.',
  })
  office?: Office | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}
