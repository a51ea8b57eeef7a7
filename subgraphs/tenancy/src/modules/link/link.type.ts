import { UserError } from '@kantoor/platform';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Administration } from '../administration/administration.type.js';

@InputType({ description: 'Who a link invitation is for.' })
export class CreateLinkInvitationInput {
  @Field(() => String, { description: "The business owner's email, for the record." })
  email!: string;
}

@ObjectType({ description: 'The result of createLinkInvitation.' })
export class CreateLinkInvitationPayload {
  @Field(() => String, {
    nullable: true,
    description: 'Single-use, expires after 14 days. Shown only here: only its hash is stored.',
  })
  code?: string | null;
  @Field(() => Date, { nullable: true, description: 'When the code stops working.' })
  expiresAt?: Date | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'An invitation code and the administration to link with it.' })
export class AcceptLinkInvitationInput {
  @Field(() => String, { description: 'The code the office gave.' }) code!: string;
  @Field(() => ID, { description: 'The own-subscription administration to link.' })
  administrationId!: string;
}

@ObjectType({ description: 'The result of acceptLinkInvitation.' })
export class AcceptLinkInvitationPayload {
  @Field(() => Administration, {
    nullable: true,
    description:
      'The administration, now linked to the office as EXTERNAL; null when userErrors is not empty.',
  })
  administration?: Administration | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'The linked administration to unlink.' })
export class UnlinkAdministrationInput {
  @Field(() => ID, { description: 'An administration linked to an office (EXTERNAL there).' })
  administrationId!: string;
}

@ObjectType({ description: 'The result of unlinkAdministration.' })
export class UnlinkAdministrationPayload {
  @Field(() => ID, { nullable: true, description: 'The administration that was unlinked.' })
  administrationId?: string | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}
