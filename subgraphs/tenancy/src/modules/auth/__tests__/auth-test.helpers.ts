import { randomUUID } from 'node:crypto';
import type { EventBus } from '@kantoor/platform';
import type { TestSystem } from '../../../../../../test/system';
import { hashPassword } from '../password.service';

/** A password good enough for signUp/createUser. */
export const PASSWORD = 'correct horse battery staple';

export interface UserErrorData {
  field: string[] | null;
  code: string;
  message: string;
}

export const LOGIN = `mutation($input: LoginInput!) {
  login(input: $input) { token refreshToken user { id email kind } userErrors { field code message } }
}`;
export interface LoginData {
  login: {
    token: string | null;
    refreshToken: string | null;
    user: { id: string; email: string; kind: string } | null;
    userErrors: UserErrorData[];
  };
}

export const ME = '{ me { id email name kind officeRole office { id name } } }';

export function uniqueEmail(tag = 'user'): string {
  return `${tag}-${randomUUID().slice(0, 12)}@example.test`;
}

/** Gives a factory user (whose hash is no login) a real password. */
export async function setPassword(system: TestSystem, userId: string, password = PASSWORD) {
  await system.subgraphs.tenancy.runtime.dataSource.query(
    `UPDATE tenancy.users SET password_hash = $2 WHERE id = $1`,
    [userId, await hashPassword(password)],
  );
}

export async function login(system: TestSystem, email: string, password = PASSWORD) {
  const r = await system.query<LoginData>(LOGIN, { variables: { input: { email, password } } });
  expect(r.errors).toBeUndefined();
  return r.data!.login;
}

/** The code of the first GraphQL error (UNAUTHENTICATED, FORBIDDEN, ...). */
export function errorCode(r: { errors?: { extensions?: Record<string, unknown> }[] }) {
  return r.errors?.[0]?.extensions?.code;
}

/** `me` with `token`: the user id, or the error code when refused. */
export async function whoAmI(system: TestSystem, token: string): Promise<string> {
  const r = await system.query<{ me: { id: string } }>('{ me { id } }', { token });
  return r.data?.me?.id ?? String(errorCode(r));
}

/** Records the events tenancy publishes (the real publish still runs). */
export function recordEvents(events: EventBus) {
  const spy = jest.spyOn(events, 'publish');
  return {
    /** Payloads of the published events of `type` that mention `id`. */
    of(type: string, id: string): Record<string, unknown>[] {
      return spy.mock.calls
        .filter(([, t, payload]) => t === type && Object.values(payload).includes(id))
        .map(([, , payload]) => payload as Record<string, unknown>);
    },
    restore: () => spy.mockRestore(),
  };
}
