import {
  createPermissionLoader,
  withUserErrors,
  type UserViewer,
  type Viewer,
} from '@kantoor/platform';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { TenancyContext } from '../../context.js';
import type { UserEntity } from '../user/user.entity.js';
import { Office, User } from '../user/user.type.js';
import { AUTH_ERRORS } from './auth.errors.js';
import {
  ApiToken,
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
 * After a successful signUp or login the rest of this request sees the new session's user,
 * as the next request with the returned token would: the payload's `user` and `office`
 * fields are guarded by rules about the viewer, which was anonymous until now.
 */
function actAs(ctx: TenancyContext, user: UserEntity, sessionId: string): void {
  const viewer: Viewer = {
    kind: 'user',
    userId: user.id,
    userKind: user.kind,
    officeId: user.officeId,
    officeRole: user.officeRole,
    scope: null,
    sessionId,
    apiTokenId: null,
  };
  ctx.viewer = viewer;
  ctx.permissions = createPermissionLoader(ctx.runtime.dataSource, viewer);
}

/** The shield rule (isAuthenticated) has let only logged-in users through. */
function userViewer(ctx: TenancyContext): UserViewer {
  if (ctx.viewer.kind !== 'user') throw new Error('unreachable: rule isAuthenticated');
  return ctx.viewer;
}

@Resolver()
export class AuthResolver {
  @Mutation(() => SignUpPayload, {
    description: 'Public: a new office in its 30-day trial, with the caller as its ADMIN.',
  })
  signUp(
    @Arg('input', () => SignUpInput) input: SignUpInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<SignUpPayload> {
    return withUserErrors(AUTH_ERRORS, async () => {
      const { office, user, session } = await ctx.services.auth.signUp(input);
      actAs(ctx, user, session.sessionId);
      return {
        office: Office.from(office),
        user: User.from(user),
        token: session.token,
        refreshToken: session.refreshToken,
      };
    });
  }

  @Mutation(() => LoginPayload, {
    description:
      'Public. Wrong email or password: INVALID_CREDENTIALS (the same for both). More than ' +
      '10 failures for an email within 15 minutes: TOO_MANY_ATTEMPTS for every attempt. ' +
      'A suspended office: OFFICE_SUSPENDED.',
  })
  login(
    @Arg('input', () => LoginInput) input: LoginInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<LoginPayload> {
    return withUserErrors(AUTH_ERRORS, async () => {
      const { user, session } = await ctx.services.auth.login(input.email, input.password);
      actAs(ctx, user, session.sessionId);
      return { token: session.token, refreshToken: session.refreshToken, user: User.from(user) };
    });
  }

  @Mutation(() => RefreshTokenPayload, {
    description:
      'Public: a new access token and refresh token for a refresh token, which is used up. ' +
      'Presenting a used refresh token again ends its session (REFRESH_TOKEN_REUSED).',
  })
  refreshToken(
    @Arg('input', () => RefreshTokenInput) input: RefreshTokenInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<RefreshTokenPayload> {
    return withUserErrors(AUTH_ERRORS, () => ctx.services.auth.refresh(input.refreshToken));
  }

  @Mutation(() => LogoutPayload, {
    description:
      "Ends this login session (or all the user's sessions); its tokens are refused from the next request.",
  })
  logout(
    @Arg('input', () => LogoutInput) input: LogoutInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<LogoutPayload> {
    return withUserErrors(AUTH_ERRORS, async () => ({
      revokedSessions: await ctx.services.auth.logout(userViewer(ctx), input.allSessions ?? false),
    }));
  }

  @Query(() => [ApiToken], {
    nullable: true,
    description: "The viewer's own API tokens, newest first.",
  })
  apiTokens(@Ctx() ctx: TenancyContext): Promise<ApiToken[]> {
    return ctx.services.auth.apiTokensOf(userViewer(ctx).userId);
  }

  @Mutation(() => CreateApiTokenPayload, {
    description:
      'A logged-in user (not through an API token): a token for an integrating tool with a ' +
      'subset of their permissions, valid up to one year. The token is shown only once.',
  })
  createApiToken(
    @Arg('input', () => CreateApiTokenInput) input: CreateApiTokenInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<CreateApiTokenPayload> {
    return withUserErrors(AUTH_ERRORS, () =>
      ctx.services.auth.createApiToken(userViewer(ctx), input),
    );
  }

  @Mutation(() => RevokeApiTokenPayload, {
    description: 'Revokes one of your own API tokens; it is refused from the next request.',
  })
  revokeApiToken(
    @Arg('input', () => RevokeApiTokenInput) input: RevokeApiTokenInput,
    @Ctx() ctx: TenancyContext,
  ): Promise<RevokeApiTokenPayload> {
    return withUserErrors(AUTH_ERRORS, async () => ({
      apiToken: await ctx.services.auth.revokeApiToken(userViewer(ctx), input.id),
    }));
  }
}
