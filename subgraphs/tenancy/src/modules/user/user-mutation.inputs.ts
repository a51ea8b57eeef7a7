import { UserError, type OfficeRole, type UserKind } from '@kantoor/platform';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { OfficeRoleEnum, User, UserKindEnum } from './user.type.js';

@InputType({ description: "A staff member or a client login of the ADMIN's office." })
export class CreateUserInput {
  @Field(() => String, { description: 'Login email; unique, case-insensitive.' })
  email!: string;
  @Field(() => String) name!: string;
  @Field(() => UserKindEnum, { description: 'STAFF or CLIENT; only ops create OPS users.' })
  kind!: UserKind;
  @Field(() => OfficeRoleEnum, { nullable: true, description: 'Required for STAFF.' })
  officeRole?: OfficeRole | null;
  @Field(() => String, { description: 'Initial password, 12 to 256 characters.' })
  password!: string;
}

@InputType({ description: 'Omitted (or null) fields stay as they are.' })
export class UpdateUserInput {
  @Field(() => ID) userId!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => OfficeRoleEnum, { nullable: true, description: 'STAFF only.' })
  officeRole?: OfficeRole | null;
}

@InputType()
export class DeactivateUserInput {
  @Field(() => ID) userId!: string;
}

@ObjectType()
export class CreateUserPayload {
  @Field(() => User, { nullable: true }) user?: User | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class UpdateUserPayload {
  @Field(() => User, { nullable: true }) user?: User | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class DeactivateUserPayload {
  @Field(() => User, { nullable: true }) user?: User | null;
  @Field(() => [UserError]) userErrors!: UserError[];
}
