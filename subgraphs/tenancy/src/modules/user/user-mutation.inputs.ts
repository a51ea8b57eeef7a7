import { UserError, type OfficeRole, type UserKind } from '@kantoor/platform';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { OfficeRoleEnum, User, UserKindEnum } from './user.type.js';

@InputType({ description: "A staff member or a client login of the ADMIN's office." })
export class CreateUserInput {
  @Field(() => String, { description: 'Login email; unique, case-insensitive.' })
  email!: string;
  @Field(() => String, { description: 'Full name; not blank.' }) name!: string;
  @Field(() => UserKindEnum, { description: 'STAFF or CLIENT; only ops create OPS users.' })
  kind!: UserKind;
  @Field(() => OfficeRoleEnum, { nullable: true, description: 'Required for STAFF.' })
  officeRole?: OfficeRole | null;
  @Field(() => String, { description: 'Initial password, 12 to 256 characters.' })
  password!: string;
}

@InputType({ description: 'Omitted (or null) fields stay as they are.' })
export class UpdateUserInput {
  @Field(() => ID, { description: 'The user to change: a user of your office.' }) userId!: string;
  @Field(() => String, { nullable: true, description: 'New full name; not blank.' }) name?:
    string | null;
  @Field(() => OfficeRoleEnum, { nullable: true, description: 'STAFF only.' })
  officeRole?: OfficeRole | null;
}

@InputType({ description: 'The user to deactivate.' })
export class DeactivateUserInput {
  @Field(() => ID, {
    description: 'A user of your office; not yourself, not the last active ADMIN.',
  })
  userId!: string;
}

@ObjectType({ description: 'The result of createUser.' })
export class CreateUserPayload {
  @Field(() => User, {
    nullable: true,
    description: 'The new user; null when userErrors is not empty.',
  })
  user?: User | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of updateUser.' })
export class UpdateUserPayload {
  @Field(() => User, {
    nullable: true,
    description: 'The user after the change; null when userErrors is not empty.',
  })
  user?: User | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of deactivateUser.' })
export class DeactivateUserPayload {
  @Field(() => User, {
    nullable: true,
    description: 'The user, now inactive; null when userErrors is not empty.',
  })
  user?: User | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}
