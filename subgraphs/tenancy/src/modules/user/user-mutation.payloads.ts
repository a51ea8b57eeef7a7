import { UserError } from '@kantoor/platform';
import { Field, ObjectType } from 'type-graphql';
import { User } from './user.type.js';

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
