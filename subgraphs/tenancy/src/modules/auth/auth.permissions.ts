import { allow, isAuthenticated, isOfficeAdmin, type RuleMap } from '@kantoor/platform';

/**
 * Sign-up, login, sessions and API tokens, and the office ADMIN's user mutations
 * (modules/user/user-mutation.resolver.ts). The other user fields are in userRules.
 */
export const authRules: RuleMap = {
  Query: {
    apiTokens: isAuthenticated,
  },
  Mutation: {
    signUp: allow,
    login: allow,
    refreshToken: allow,
    logout: isAuthenticated,
    createApiToken: isAuthenticated,
    revokeApiToken: isAuthenticated,
    createUser: isOfficeAdmin,
    updateUser: isOfficeAdmin,
    deactivateUser: isOfficeAdmin,
  },
  SignUpPayload: { '*': allow },
  LoginPayload: { '*': allow },
  RefreshTokenPayload: { '*': allow },
  LogoutPayload: { '*': allow },
  ApiToken: { '*': allow },
  ApiTokenEdge: { '*': allow },
  ApiTokenConnection: { '*': allow },
  CreateApiTokenPayload: { '*': allow },
  RevokeApiTokenPayload: { '*': allow },
  CreateUserPayload: { '*': allow },
  UpdateUserPayload: { '*': allow },
  DeactivateUserPayload: { '*': allow },
};
