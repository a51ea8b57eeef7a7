import { UserError } from '@kantoor/platform';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Administration } from '../administration/administration.type.js';

@InputType()
export class CreateLinkInvitationInput {
  @Field(() => String, { description: "The business owner's email, for the record." })
  email!: string;
}

@ObjectType()
export class CreateLinkInvitationPayload {
  @Field(() => String, {
    nullable: true,
    description: 'Single-use, expires after 14 days. Shown only here: only its hash is stored.',
  })
  code?: string | null;
  @Field(() => Date, { nullable: true, description: 'When the code stops working.' })
  expiresAt?: Date | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@InputType()
export class AcceptLinkInvitationInput {
  @Field(() => String, { description: 'The code the office gave.' }) code!: string;
  @Field(() => ID, { description: 'The own-subscription administration to link.' })
  administrationId!: string;
}

@ObjectType()
export class AcceptLinkInvitationPayload {
  @Field(() => Administration, { nullable: true }) administration?: Administration | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@InputType()
export class UnlinkAdministrationInput {
  @Field(() => ID) administrationId!: string;
}

@ObjectType()
export class UnlinkAdministrationPayload {
  @Field(() => ID, { nullable: true, description: 'The administration that was unlinked.' })
  administrationId?: string | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}
