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
registerEnumType(UserKindEnum, {
  name: 'UserKind',
  description: 'What kind of login a user is.',
  valuesConfig: {
    STAFF: {
      description:
        'Office staff (dashboard user, billed per month): works in the administrations they were granted.',
    },
    CLIENT: {
      description:
        "A client's login: uses only the client modules of their own administration(s), or owns a business's own subscription.",
    },
    OPS: {
      description:
        "A Kantoor operator: offices, price lists, billing runs, failed events; never a client's books.",
    },
  },
});
export const OfficeRoleEnum = Object.fromEntries(OFFICE_ROLES.map((r) => [r, r])) as {
  [K in OfficeRole]: K;
};
registerEnumType(OfficeRoleEnum, {
  name: 'OfficeRole',
  description: "A staff member's role in their office.",
  valuesConfig: {
    ADMIN: {
      description:
        "Runs the office: users, administrations, access, chart templates, webhooks and the office's bill; has access to every administration of the office.",
    },
    MEMBER: { description: 'Works in the administrations they were granted (setAccess).' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType('Office', { description: 'An accountancy office (kantoor) and its dashboard.' })
export class Office {
  @Field(() => ID, { description: 'Stable id of the office (kantoor).' }) id!: string;
  @Field(() => String, { description: 'Name of the office, e.g. "Jansen Administratie".' })
  name!: string;
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
  @Field(() => ID, { description: 'Stable id of the user.' }) id!: string;
  @Field(() => String, { description: 'Login e-mail address; unique, case-insensitive.' })
  email!: string;
  @Field(() => String, { description: 'Full name, for people.' }) name!: string;
  @Field(() => UserKindEnum, {
    description: 'STAFF (office staff), CLIENT (a client login) or OPS (a Kantoor operator).',
  })
  kind!: UserKind;
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

@ObjectType({ description: 'A user and their cursor.' })
export class UserEdge {
  @Field(() => String, { description: 'Opaque cursor of this edge, for `after`.' })
  cursor!: string;
  @Field(() => User, { description: 'The user.' }) node!: User;
}

@ObjectType({ description: 'A page of users, by name.' })
export class UserConnection {
  @Field(() => [UserEdge], { description: 'The users of this page.' }) edges!: UserEdge[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages follow.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'All users of the office, not just this page.' })
  totalCount!: number;
}
