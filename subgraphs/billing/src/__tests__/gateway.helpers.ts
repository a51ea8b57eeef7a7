import { randomUUID } from 'node:crypto';
import { Factories } from '../../../../test/factories';
import type { TestSystem } from '../../../../test/system';

export const PASSWORD = 'correct-horse-battery-staple';

export interface GraphQLErrorData {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/** Tenancy's real mutations through the gateway: they publish the events billing consumes. */
export class Tenancy {
  readonly make: Factories;

  constructor(private readonly system: TestSystem) {
    this.make = new Factories(
      system.subgraphs.tenancy.runtime.dataSource,
      system.subgraphs.tenancy.runtime.events,
    );
  }

  /** Runs `query` and fails on any error or userError. */
  async ok<D>(query: string, token: string | null, variables: Record<string, unknown> = {}) {
    const r = await this.system.query<D>(query, { token, variables });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    for (const payload of Object.values(r.data as Record<string, { userErrors?: unknown[] }>)) {
      if (payload?.userErrors?.length) throw new Error(JSON.stringify(payload.userErrors));
    }
    return r.data as D;
  }

  async signUp(): Promise<{ officeId: string; adminId: string; token: string }> {
    const data = await this.ok<{
      signUp: { office: { id: string }; user: { id: string }; token: string };
    }>(
      `mutation($input: SignUpInput!) { signUp(input: $input) { office { id } user { id } token userErrors { code } } }`,
      null,
      {
        input: {
          officeName: `Kantoor ${randomUUID().slice(0, 8)}`,
          name: 'Anna de Vries',
          email: `${randomUUID()}@example.test`,
          password: PASSWORD,
        },
      },
    );
    return {
      officeId: data.signUp.office.id,
      adminId: data.signUp.user.id,
      token: data.signUp.token,
    };
  }

  async createUser(
    adminToken: string,
    kind: 'STAFF' | 'CLIENT',
    officeRole: 'ADMIN' | 'MEMBER' | null = kind === 'STAFF' ? 'MEMBER' : null,
  ): Promise<{ id: string; token: string }> {
    const data = await this.ok<{ createUser: { user: { id: string } } }>(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code message } } }`,
      adminToken,
      {
        input: {
          email: `${randomUUID()}@example.test`,
          name: 'Test Gebruiker',
          kind,
          officeRole,
          password: PASSWORD,
        },
      },
    );
    const id = data.createUser.user.id;
    return { id, token: await this.make.token(id) };
  }

  async createAdministration(
    adminToken: string,
    kind: 'INTERNAL' | 'INTERNAL_WITH_CLIENT_LOGIN' = 'INTERNAL',
    clientModules: string[] = [],
  ): Promise<string> {
    const data = await this.ok<{ createAdministration: { administration: { id: string } } }>(
      `mutation($input: CreateAdministrationInput!) { createAdministration(input: $input) { administration { id } userErrors { code message } } }`,
      adminToken,
      {
        input: {
          name: `Administratie ${randomUUID().slice(0, 8)}`,
          kind,
          modules: ['LEDGER', ...clientModules.filter((m) => m !== 'LEDGER')],
          clientModules,
        },
      },
    );
    return data.createAdministration.administration.id;
  }

  async opsToken(): Promise<string> {
    const ops = await this.make.user({ kind: 'OPS' });
    return this.make.token(ops.id);
  }
}
