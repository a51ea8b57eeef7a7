import {
  assertLoginSession,
  assertUser,
  freezeViewer,
  issuedTo,
  withUserErrors,
  type UserViewer,
  FirstArg,
  AfterArg,
} from '@kantoor/platform';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { TenancyContext } from '../../context.js';
import type { UserEntity } from '../user/user.entity.js';
import { Office, User } from '../user/user.type.js';
import { AUTH_ERRORS } from './auth.errors.js';
import {
  ApiTokenConnection,
  CreateApiTokenInput,
  CreateApiTokenPayload,
  LoginInput,
  LoginPayload,
  LogoutInput,
  LogoutPayload,
  RefreshTokenInput,
  RefreshTokenPayload,
  RevokeApiTokenInput,
  RevokeApiTokenPayload,
  SignUpInput,
  SignUpPayload,
} from './auth.type.js';

/**
 * The principal a successful signUp or login authenticated. It does not become the request's
 * viewer (who is asking never changes within a request, issue 9): the payload's `user` and
 * `office` are marked as issued to it, and their rules allow reading them on that basis.
 */
export function principalOf(user: UserEntity, sessionId: string): UserViewer {
  return freezeViewer({
    userId: user.id,
    userKind: user.kind,
    officeId: user.officeId,
    officeRole: user.officeRole,
    scope: null,
    sessionId,
    apiTokenId: null,
  });
}

@Resolver()
export class AuthResolver {
  @Mutation(() => SignUpPayload, {
    description: 'Public: a new office in its 30-day trial, with the caller as its ADMIN.',
  })
  signUp(
    @Arg('input', () => SignUpInput, { description: 'The new office and its first ADMIN.' })
    input: SignUpInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<SignUpPayload> {
    return withUserErrors(AUTH_ERRORS, async () => {
      const { office, user, session } = await ctx.services.auth.signUp(input, ctx.clientAddress);
      const principal = principalOf(user, session.sessionId);
      return {
        office: issuedTo(Office.from(office), principal),
        user: issuedTo(User.from(user), principal),
        token: session.token,
        refreshToken: session.refreshToken,
      };
    });
  }

  @Mutation(() => LoginPayload, {
    description:
      'Public. Wrong email or password: INVALID_CREDENTIALS (the same for both). After 5 ' +
      'failures for an email from one client address (or 30 from one address over all ' +
      'emails) within 15 minutes, that client waits 30 s, 1 min, 2 min, ... (at most 15 min) between attempts ' +
      '(TOO_MANY_ATTEMPTS); other clients are not affected. ' +
      'A suspended office: OFFICE_SUSPENDED.',
  })
  login(
    @Arg('input', () => LoginInput, { description: 'E-mail address and password.' })
    input: LoginInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<LoginPayload> {
    return withUserErrors(AUTH_ERRORS, async () => {
      const { user, session } = await ctx.services.auth.login(
        input.email,
        input.password,
        ctx.clientAddress,
      );
      const principal = principalOf(user, session.sessionId);
      return {
        token: session.token,
        refreshToken: session.refreshToken,
        user: issuedTo(User.from(user), principal),
      };
    });
  }

  @Mutation(() => RefreshTokenPayload, {
    description:
      'Public: a new access token and refresh token for a refresh token, which is used up. ' +
      'Presenting a used refresh token again ends its session (REFRESH_TOKEN_REUSED).',
  })
  refreshToken(
    @Arg('input', () => RefreshTokenInput, { description: 'The refresh token.' })
    input: RefreshTokenInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<RefreshTokenPayload> {
    return withUserErrors(AUTH_ERRORS, () => ctx.services.auth.refresh(input.refreshToken));
  }

  @Mutation(() => LogoutPayload, {
    description:
      "Ends this login session (or all the user's sessions); its tokens are refused from the next request.",
  })
  logout(
    @Arg('input', () => LogoutInput, { description: 'Which sessions to end.' }) input: LogoutInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<LogoutPayload> {
    return withUserErrors(AUTH_ERRORS, async () => ({
      revokedSessions: await ctx.services.auth.logout(
        assertUser(ctx.viewer),
        input.allSessions ?? false,
      ),
    }));
  }

  @Query(() => ApiTokenConnection, {
    nullable: true,
    description: "The viewer's own API tokens, newest first, revoked ones included.",
  })
  apiTokens(
    @Ctx() ctx: TenancyContext,
    @FirstArg()
    first?: number,
    @AfterArg()
    after?: string,
  ): Promise<ApiTokenConnection> {
    // Token management needs a login session: an API token cannot list its user's tokens.
    return ctx.services.apiTokens.apiTokenPage(assertLoginSession(ctx.viewer).userId, first, after);
  }

  @Mutation(() => CreateApiTokenPayload, {
    description:
      'A logged-in user (not through an API token): an opaque token (`kat_...`) for an ' +
      'integrating tool with a subset of their permissions, valid up to one year. The token ' +
      'is shown only once; only its SHA-256 is kept.',
  })
  createApiToken(
    @Arg('input', () => CreateApiTokenInput, {
      description: 'Name, expiry and permissions of the token.',
    })
    input: CreateApiTokenInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<CreateApiTokenPayload> {
    return withUserErrors(AUTH_ERRORS, () =>
      ctx.services.apiTokens.createApiToken(assertUser(ctx.viewer), input),
    );
  }

  @Mutation(() => RevokeApiTokenPayload, {
    description: 'Revokes one of your own API tokens; it is refused from the next request.',
  })
  revokeApiToken(
    @Arg('input', () => RevokeApiTokenInput, { description: 'Which token.' })
    input: RevokeApiTokenInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<RevokeApiTokenPayload> {
    return withUserErrors(AUTH_ERRORS, async () => ({
      apiToken: await ctx.services.apiTokens.revokeApiToken(
        assertLoginSession(ctx.viewer),
        input.id,
      ),
    }));
  }
}
