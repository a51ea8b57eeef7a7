import {
  PageInfo,
  USER_KINDS,
  OFFICE_ROLES,
  type OfficeRole,
  type UserKind,
} from '@kantoor/platform';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { OfficeEntity, UserEntity } from './user.entity.js';

export const UserKindEnum = Object.fromEntries(USER_KINDS.map((k) => [k, k])) as {
  [K in UserKind]: K;
};
registerEnumType(UserKindEnum, { name: 'UserKind' });
export const OfficeRoleEnum = Object.fromEntries(OFFICE_ROLES.map((r) => [r, r])) as {
  [K in OfficeRole]: K;
};
registerEnumType(OfficeRoleEnum, { name: 'OfficeRole' });

@Directive('@key(fields: "id")')
@ObjectType('Office', { description: 'An accountancy office (kantoor) and its dashboard.' })
export class Office {
  @Field(() => ID, { description: 'Stable id of the office (kantoor).' }) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Date, {
    nullable: true,
    description: 'End of the 30-day free trial; null once the office pays.',
  })
  trialEndsAt!: Date | null;
  /** Not a field: `suspended` (ops) reads it. */
  suspendedAt!: Date | null;

  static from(entity: OfficeEntity): Office {
    return Object.assign(new Office(), {
      id: entity.id,
      name: entity.name,
      trialEndsAt: entity.trialEndsAt,
      suspendedAt: entity.suspendedAt,
    });
  }
}

@Directive('@key(fields: "id")')
@ObjectType('User', { description: 'A login: office staff, a client, or an operator.' })
export class User {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String) name!: string;
  @Field(() => UserKindEnum) kind!: UserKind;
  @Field(() => OfficeRoleEnum, { nullable: true, description: 'Set for STAFF only.' })
  officeRole!: OfficeRole | null;
  @Field(() => Boolean, { description: 'False once deactivated: the user can no longer log in.' })
  active!: boolean;
  /** Not a field: the rules read it. */
  officeId!: string | null;

  static from(entity: UserEntity): User {
    return Object.assign(new User(), {
      id: entity.id,
      email: entity.email,
      name: entity.name,
      kind: entity.kind,
      officeRole: entity.officeRole,
      active: entity.active,
      officeId: entity.officeId,
    });
  }
}

@ObjectType()
export class UserEdge {
  @Field(() => String) cursor!: string;
  @Field(() => User) node!: User;
}

@ObjectType()
export class UserConnection {
  @Field(() => [UserEdge]) edges!: UserEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
