import { PageInfo, UserError, type Permission } from '@kantoor/platform';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PermissionEnum } from '../administration/administration.enums.js';
import { Office, User } from '../user/user.type.js';
import type { ApiTokenFormat } from './api-token.service.js';

export const ApiTokenFormatEnum = { OPAQUE: 'OPAQUE', JWT: 'JWT' } as const;
registerEnumType(ApiTokenFormatEnum, {
  name: 'ApiTokenFormat',
  description: 'How an API token is made.',
  valuesConfig: {
    OPAQUE: { description: 'A random `kat_...` token, looked up by its hash.' },
    JWT: {
      description:
        'A signed token from before opaque tokens; works until it expires or the signing key rotates.',
    },
  },
});

@InputType({ description: 'A new office (kantoor) and its first ADMIN.' })
export class SignUpInput {
  @Field(() => String, { description: "The office's name, e.g. 'Jansen Administratie'." })
  officeName!: string;
  @Field(() => String, { description: "The ADMIN's own name." })
  name!: string;
  @Field(() => String, { description: 'Login email; unique, case-insensitive.' })
  email!: string;
  @Field(() => String, { description: '12 to 256 characters.' })
  password!: string;
}

@ObjectType({ description: 'The result of signUp.' })
export class SignUpPayload {
  @Field(() => Office, {
    nullable: true,
    description: 'The new office, in its 30-day trial; null when userErrors is not empty.',
  })
  office?: Office | null;
  @Field(() => User, {
    nullable: true,
    description: "The office's first ADMIN; null when userErrors is not empty.",
  })
  user?: User | null;
  @Field(() => String, {
    nullable: true,
    description: 'Bearer token (15 minutes) of a new login session.',
  })
  token?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Single-use refresh token of that session (see refreshToken).',
  })
  refreshToken?: string | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'Credentials for a new login session.' })
export class LoginInput {
  @Field(() => String, { description: 'Login e-mail address, case-insensitive.' }) email!: string;
  @Field(() => String, { description: 'The password.' }) password!: string;
}

@ObjectType({ description: 'The result of login.' })
export class LoginPayload {
  @Field(() => String, {
    nullable: true,
    description:
      'Bearer token for the Authorization header; names the user, not an administration. Valid 15 minutes.',
  })
  token?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Single-use token for refreshToken; the session lives 30 days.',
  })
  refreshToken?: string | null;
  @Field(() => User, {
    nullable: true,
    description: 'The logged-in user; null when userErrors is not empty.',
  })
  user?: User | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'A refresh token to exchange for new tokens.' })
export class RefreshTokenInput {
  @Field(() => String, { description: 'The refresh token last received; it is used up.' })
  refreshToken!: string;
}

@ObjectType({ description: 'The result of refreshToken.' })
export class RefreshTokenPayload {
  @Field(() => String, { nullable: true, description: 'A new bearer token (15 minutes).' })
  token?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The next refresh token; presenting an old one again ends the session.',
  })
  refreshToken?: string | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'Which login sessions to end.' })
export class LogoutInput {
  @Field(() => Boolean, {
    nullable: true,
    description: "End all of the user's login sessions, not just this one.",
  })
  allSessions?: boolean | null;
}

@ObjectType({ description: 'The result of logout.' })
export class LogoutPayload {
  @Field(() => Int, { nullable: true, description: 'Number of sessions ended.' })
  revokedSessions?: number | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@ObjectType({
  description:
    "A long-lived token for an integrating tool; it carries a subset of its owner's permissions.",
})
export class ApiToken {
  @Field(() => ID, { description: 'Stable id of the token (not the token itself).' }) id!: string;
  @Field(() => String, { description: 'What it is for, as given.' }) name!: string;
  @Field(() => [PermissionEnum], {
    description: "The most it may do; never more than the owner's own permissions.",
  })
  permissions!: Permission[];
  @Field(() => Date, { description: 'When it was made.' }) createdAt!: Date;
  @Field(() => Date, { description: 'When it stops working (at most one year after it was made).' })
  expiresAt!: Date;
  @Field(() => Boolean, { description: 'Revoked by its owner or by deactivating the owner.' })
  revoked!: boolean;
  @Field(() => Date, {
    nullable: true,
    description: 'When it was last used (to the minute); null if never.',
  })
  lastUsedAt!: Date | null;
  @Field(() => ApiTokenFormatEnum, {
    description:
      'OPAQUE (`kat_...`), or JWT for a token made before opaque tokens: it works until it ' +
      'expires or KANTOOR_JWT_SECRET rotates; replace it.',
  })
  format!: ApiTokenFormat;
}

@ObjectType({ description: 'An API token and its cursor.' })
export class ApiTokenEdge {
  @Field(() => String, { description: 'Opaque cursor of this edge, for `after`.' })
  cursor!: string;
  @Field(() => ApiToken, { description: 'The API token.' }) node!: ApiToken;
}

@ObjectType({ description: "A page of the viewer's API tokens, newest first." })
export class ApiTokenConnection {
  @Field(() => [ApiTokenEdge], { description: 'The tokens of this page.' }) edges!: ApiTokenEdge[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages follow.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'All the viewer’s tokens, revoked ones included.' })
  totalCount!: number;
}

@InputType({ description: 'A new API token for an integrating tool.' })
export class CreateApiTokenInput {
  @Field(() => String, { description: 'What it is for, e.g. "Bank koppeling".' })
  name!: string;
  @Field(() => Date, { description: 'At most one year ahead.' })
  expiresAt!: Date;
  @Field(() => [PermissionEnum], { description: 'At least one.' })
  permissions!: Permission[];
}

@ObjectType({ description: 'The result of createApiToken.' })
export class CreateApiTokenPayload {
  @Field(() => String, {
    nullable: true,
    description:
      'The bearer token (`kat_` + 49 letters and digits). Shown only here, once: only its SHA-256 is kept.',
  })
  token?: string | null;
  @Field(() => ApiToken, {
    nullable: true,
    description:
      "The token's record (without the token itself); null when userErrors is not empty.",
  })
  apiToken?: ApiToken | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'The API token to revoke.' })
export class RevokeApiTokenInput {
  @Field(() => ID, { description: 'The ApiToken id (not the token itself).' }) id!: string;
}

@ObjectType({ description: 'The result of revokeApiToken.' })
export class RevokeApiTokenPayload {
  @Field(() => ApiToken, {
    nullable: true,
    description: 'The token, now revoked; null when userErrors is not empty.',
  })
  apiToken?: ApiToken | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}
