import DataLoader from 'dataloader';
import {
  graphql,
  GraphQLError,
  type ExecutionResult,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { Permission } from '../../auth/permissions';
import type { UserViewer, Viewer } from '../../auth/viewer';
import type { BaseContext } from '../../context';
import { createLogger } from '../../logger';
import type { DataSource } from 'typeorm';
import { createPermissionLoader } from '../permission-loader';
import {
  allow,
  applyShield,
  can,
  canOpen,
  canOpenOr,
  fieldsWithoutRule,
  isAuthenticated,
  isOfficeAdmin,
  isOps,
  type RuleMap,
} from '../rules';

const ADMIN_A = '11111111-1111-4111-8111-111111111111';
const ADMIN_B = '22222222-2222-4222-8222-222222222222';
const OFFICE = '33333333-3333-4333-8333-333333333333';

const typeDefs = /* GraphQL */ `
  type Query {
    publicInfo: String
    secret: String
    me: String
    opsOnly: String
    officeAdminOnly: String
    administrations: [Administration!]!
    administration(id: ID!): Administration
    boom: String
    unruled: Unruled
  }
  type Mutation {
    postEntry(input: PostEntryInput!): String
  }
  input PostEntryInput {
    administrationId: ID!
  }
  type Administration {
    id: ID!
    name: String
    balance: String
    vatNumber: String
  }
  type Unruled {
    x: String
  }
  type Wildcard {
    a: String
    b: String
  }
`;

const administrations = [
  { id: ADMIN_A, name: 'Alpha B.V.', balance: '100.00', vatNumber: 'NL001' },
  { id: ADMIN_B, name: 'Beta B.V.', balance: '200.00', vatNumber: 'NL002' },
];

function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs,
    resolvers: {
      Query: {
        publicInfo: () => 'hello',
        secret: () => 'the secret',
        me: () => 'me',
        opsOnly: () => 'ops',
        officeAdminOnly: () => 'office admin',
        administrations: () => administrations,
        administration: (_: unknown, args: { id: string }) =>
          administrations.find((a) => a.id === args.id) ?? null,
        boom: () => {
          throw new GraphQLError('No such invoice.', { extensions: { code: 'NOT_FOUND' } });
        },
        unruled: () => ({ x: 'x' }),
      },
      Mutation: {
        postEntry: (_: unknown, args: { input: { administrationId: string } }) =>
          `posted in ${args.input.administrationId}`,
      },
    },
  });
}

const rules: RuleMap = {
  Query: {
    publicInfo: allow,
    me: isAuthenticated,
    opsOnly: isOps,
    officeAdminOnly: isOfficeAdmin,
    administrations: isAuthenticated,
    administration: canOpen('args.id'),
    boom: allow,
    unruled: allow,
  },
  Mutation: {
    postEntry: can('LEDGER_WRITE', 'args.input.administrationId'),
  },
  Administration: {
    id: allow,
    name: can('LEDGER_READ', 'parent.id'),
    balance: can('LEDGER_WRITE', 'parent.id'),
  },
  Wildcard: { '*': allow },
};

function user(overrides: Partial<UserViewer> = {}): UserViewer {
  return {
    kind: 'user',
    userId: '44444444-4444-4444-8444-444444444444',
    userKind: 'STAFF',
    officeId: OFFICE,
    officeRole: 'MEMBER',
    scope: null,
    sessionId: '55555555-5555-4555-8555-555555555555',
    apiTokenId: null,
    ...overrides,
  };
}
const anonymous: Viewer = { kind: 'anonymous' };

interface TestContext extends BaseContext {
  /** Every batch the fake permission loader received. */
  batches: string[][];
}

/** A BaseContext with a fake per-request permission loader over `grants`. */
function context(viewer: Viewer, grants: Record<string, Permission[]> = {}): TestContext {
  const batches: string[][] = [];
  return {
    requestId: 'test-request',
    clientAddress: null,
    logger: createLogger('rules-test', 'silent'),
    viewer,
    batches,
    permissions: new DataLoader<string, ReadonlySet<Permission>>(async (ids) => {
      batches.push([...ids]);
      return ids.map((id) => new Set(grants[id] ?? []));
    }),
  };
}

const shielded = applyShield(buildSchema(), [rules]);

async function run(source: string, contextValue: BaseContext): Promise<ExecutionResult> {
  return graphql({ schema: shielded, source, contextValue });
}

function errorAt(result: ExecutionResult, path: (string | number)[]) {
  return result.errors?.find((e) => JSON.stringify(e.path) === JSON.stringify(path));
}

function codes(result: ExecutionResult): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions.code);
}

describe('applyShield: deny by default', () => {
  it('allows a field whose rule allows it', async () => {
    const result = await run('{ publicInfo }', context(anonymous));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ publicInfo: 'hello' });
  });

  it('denies a field that has no rule with FORBIDDEN, even for a privileged user', async () => {
    const result = await run(
      '{ secret }',
      context(user({ userKind: 'OPS', officeId: null }), { [ADMIN_A]: ['LEDGER_READ'] }),
    );
    expect(result.data).toEqual({ secret: null });
    expect(codes(result)).toEqual(['FORBIDDEN']);
    expect(result.errors?.[0]?.message).toBe('You may not do this.');
  });

  it('denies the fields of a type that has no rule map at all', async () => {
    const result = await run('{ unruled { x } }', context(user()));
    expect(result.data).toEqual({ unruled: { x: null } });
    expect(errorAt(result, ['unruled', 'x'])?.extensions.code).toBe('FORBIDDEN');
  });

  it('denies a field left out of its type rule map', async () => {
    const result = await run('{ administrations { id vatNumber } }', context(user()));
    expect(result.data).toEqual({
      administrations: [
        { id: ADMIN_A, vatNumber: null },
        { id: ADMIN_B, vatNumber: null },
      ],
    });
    expect(codes(result)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it("lets a resolver's own GraphQLError through with its code (allowExternalErrors)", async () => {
    const result = await run('{ boom }', context(anonymous));
    expect(result.data).toEqual({ boom: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.message).toBe('No such invoice.');
    expect(result.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
});

describe('can(): per administration, never cached across parents', () => {
  it('allows the permitted parent and denies the other one in the same list', async () => {
    const ctx = context(user(), { [ADMIN_A]: ['LEDGER_READ'] });
    const result = await run('{ administrations { id name } }', ctx);
    expect(result.data).toEqual({
      administrations: [
        { id: ADMIN_A, name: 'Alpha B.V.' },
        { id: ADMIN_B, name: null },
      ],
    });
    expect(result.errors).toHaveLength(1);
    expect(errorAt(result, ['administrations', 1, 'name'])?.extensions.code).toBe('FORBIDDEN');
  });

  it('does not reuse the first answer when the forbidden parent comes first', async () => {
    const ctx = context(user(), { [ADMIN_B]: ['LEDGER_READ'] });
    const result = await run('{ administrations { id name } }', ctx);
    expect(result.data).toEqual({
      administrations: [
        { id: ADMIN_A, name: null },
        { id: ADMIN_B, name: 'Beta B.V.' },
      ],
    });
    expect(errorAt(result, ['administrations', 0, 'name'])?.extensions.code).toBe('FORBIDDEN');
    expect(errorAt(result, ['administrations', 1, 'name'])).toBeUndefined();
  });

  it('checks the permission the rule names, not just any permission', async () => {
    // LEDGER_READ in A does not grant the LEDGER_WRITE that `balance` needs.
    const ctx = context(user(), { [ADMIN_A]: ['LEDGER_READ'], [ADMIN_B]: ['LEDGER_WRITE'] });
    const result = await run('{ administrations { name balance } }', ctx);
    expect(result.data).toEqual({
      administrations: [
        { name: 'Alpha B.V.', balance: null },
        { name: null, balance: '200.00' },
      ],
    });
    expect(codes(result)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('loads the permissions of all parents in one batch of the per-request loader', async () => {
    const ctx = context(user(), { [ADMIN_A]: ['LEDGER_READ'], [ADMIN_B]: ['LEDGER_READ'] });
    const result = await run('{ administrations { name balance } }', ctx);
    expect(codes(result)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(ctx.batches).toEqual([[ADMIN_A, ADMIN_B]]);
  });

  it('gives UNAUTHENTICATED to an anonymous viewer', async () => {
    const result = await run(
      `mutation { postEntry(input: { administrationId: "${ADMIN_A}" }) }`,
      context(anonymous),
    );
    expect(result.data).toEqual({ postEntry: null });
    expect(codes(result)).toEqual(['UNAUTHENTICATED']);
  });

  it('reads the administration id from args.input.administrationId', async () => {
    const ctx = context(user(), { [ADMIN_A]: ['LEDGER_WRITE'], [ADMIN_B]: ['LEDGER_READ'] });
    const allowed = await run(
      `mutation { postEntry(input: { administrationId: "${ADMIN_A}" }) }`,
      ctx,
    );
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data).toEqual({ postEntry: `posted in ${ADMIN_A}` });
    const denied = await run(
      `mutation { postEntry(input: { administrationId: "${ADMIN_B}" }) }`,
      ctx,
    );
    expect(denied.data).toEqual({ postEntry: null });
    expect(codes(denied)).toEqual(['FORBIDDEN']);
  });

  it('canOpen: any permission in the administration opens it; none does not', async () => {
    const ctx = context(user(), { [ADMIN_A]: ['VAT_READ'] });
    const allowed = await run(`{ administration(id: "${ADMIN_A}") { id } }`, ctx);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data).toEqual({ administration: { id: ADMIN_A } });
    const denied = await run(`{ administration(id: "${ADMIN_B}") { id } }`, ctx);
    expect(denied.data).toEqual({ administration: null });
    expect(codes(denied)).toEqual(['FORBIDDEN']);
  });
});

describe('isAuthenticated', () => {
  it('gives UNAUTHENTICATED to an anonymous viewer', async () => {
    const result = await run('{ me }', context(anonymous));
    expect(result.data).toEqual({ me: null });
    expect(codes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.errors?.[0]?.message).toBe('Log in first.');
  });

  it.each(['STAFF', 'CLIENT', 'OPS'] as const)('allows a %s user', async (userKind) => {
    const result = await run('{ me }', context(user({ userKind })));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ me: 'me' });
  });
});

describe('isOps', () => {
  it('allows an OPS user logged in with a session', async () => {
    const result = await run(
      '{ opsOnly }',
      context(user({ userKind: 'OPS', officeId: null, officeRole: null })),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ opsOnly: 'ops' });
  });

  it.each<[string, Viewer, string]>([
    ['anonymous', anonymous, 'UNAUTHENTICATED'],
    ['a staff office admin', user({ officeRole: 'ADMIN' }), 'FORBIDDEN'],
    ['a client', user({ userKind: 'CLIENT', officeId: null, officeRole: null }), 'FORBIDDEN'],
    [
      'an OPS user with an API token',
      user({
        userKind: 'OPS',
        scope: new Set(['LEDGER_READ']),
        sessionId: null,
        apiTokenId: ADMIN_A,
      }),
      'FORBIDDEN',
    ],
  ])('denies %s', async (_label, viewer, code) => {
    const result = await run('{ opsOnly }', context(viewer));
    expect(result.data).toEqual({ opsOnly: null });
    expect(codes(result)).toEqual([code]);
  });
});

describe('isOfficeAdmin', () => {
  it('allows staff with the ADMIN role in an office', async () => {
    const result = await run('{ officeAdminOnly }', context(user({ officeRole: 'ADMIN' })));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ officeAdminOnly: 'office admin' });
  });

  it.each<[string, Viewer, string]>([
    ['anonymous', anonymous, 'UNAUTHENTICATED'],
    ['a staff member', user({ officeRole: 'MEMBER' }), 'FORBIDDEN'],
    ['an ADMIN without office', user({ officeRole: 'ADMIN', officeId: null }), 'FORBIDDEN'],
    ['a client', user({ userKind: 'CLIENT', officeRole: 'ADMIN' }), 'FORBIDDEN'],
    ['an OPS user', user({ userKind: 'OPS', officeRole: 'ADMIN' }), 'FORBIDDEN'],
    [
      'an office admin with an API token',
      user({ officeRole: 'ADMIN', scope: new Set(), sessionId: null, apiTokenId: ADMIN_B }),
      'FORBIDDEN',
    ],
  ])('denies %s', async (_label, viewer, code) => {
    const result = await run('{ officeAdminOnly }', context(viewer));
    expect(result.data).toEqual({ officeAdminOnly: null });
    expect(codes(result)).toEqual([code]);
    if (code === 'FORBIDDEN')
      expect(result.errors?.[0]?.message).toBe('Office administrators only.');
  });
});

describe('fieldsWithoutRule', () => {
  it("lists fields without a rule, and not those covered by a rule or by '*'", () => {
    const missing = fieldsWithoutRule(buildSchema(), [rules]);
    expect(missing).toEqual(['Administration.vatNumber', 'Query.secret', 'Unruled.x']);
    expect(missing).not.toContain('Wildcard.a');
    expect(missing).not.toContain('Wildcard.b');
    expect(missing).not.toContain('Query.publicInfo');
  });

  it('is empty once every field is covered', () => {
    const complete: RuleMap = {
      Query: { secret: allow },
      Administration: { vatNumber: allow },
      Unruled: { '*': allow },
    };
    expect(fieldsWithoutRule(buildSchema(), [rules, complete])).toEqual([]);
  });

  it('refuses two rules for the same field across rule maps', () => {
    expect(() => fieldsWithoutRule(buildSchema(), [rules, { Query: { me: allow } }])).toThrow(
      'two rules for Query.me',
    );
    expect(() => applyShield(buildSchema(), [rules, { Query: { me: allow } }])).toThrow(
      'two rules for Query.me',
    );
  });
});

describe('rule names', () => {
  // can()/canOpen() return one rule per name (graphql-shield refuses two different rule
  // functions with one name), so the same can() on two fields shields without an error.
  it('the same can() used on two fields can be shielded', async () => {
    const schema = applyShield(buildSchema(), [
      {
        Query: { administrations: allow },
        Administration: {
          id: allow,
          name: can('LEDGER_READ', 'parent.id'),
          vatNumber: can('LEDGER_READ', 'parent.id'),
        },
      },
    ]);
    const result = await graphql({
      schema,
      source: '{ administrations { name vatNumber } }',
      contextValue: context(user(), { [ADMIN_A]: ['LEDGER_READ'] }),
    });
    expect(codes(result)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });
});

describe('fields whose rule is allow', () => {
  it('keep their own resolver (no shield wrapper); every other field keeps its rule', () => {
    const before = buildSchema();
    const shielded = applyShield(before, [rules]);
    const field = (schema: GraphQLSchema, type: string, name: string) =>
      (schema.getType(type) as GraphQLObjectType).getFields()[name]!;
    // allow: the very resolver the schema had (a default resolver stays undefined).
    expect(field(shielded, 'Query', 'publicInfo').resolve).toBe(
      field(before, 'Query', 'publicInfo').resolve,
    );
    expect(field(shielded, 'Administration', 'id').resolve).toBe(
      field(before, 'Administration', 'id').resolve,
    );
    expect(field(shielded, 'Wildcard', 'a').resolve).toBe(field(before, 'Wildcard', 'a').resolve);
    // A real rule, the fallback (deny) and every Mutation field stay wrapped.
    expect(field(shielded, 'Query', 'secret').resolve).not.toBe(
      field(before, 'Query', 'secret').resolve,
    );
    expect(field(shielded, 'Administration', 'name').resolve).not.toBe(
      field(before, 'Administration', 'name').resolve,
    );
    expect(field(shielded, 'Mutation', 'postEntry').resolve).not.toBe(
      field(before, 'Mutation', 'postEntry').resolve,
    );
  });

  it('answer as before: allowed values, denied neighbours, thrown errors kept', async () => {
    const schema = applyShield(buildSchema(), [rules]);
    const result = await graphql({
      schema,
      source: '{ publicInfo secret boom administrations { id name } }',
      contextValue: context(user(), { [ADMIN_A]: ['LEDGER_READ'] }),
    });
    expect(result.data).toEqual({
      publicInfo: 'hello',
      secret: null,
      boom: null,
      administrations: [
        { id: ADMIN_A, name: 'Alpha B.V.' },
        { id: ADMIN_B, name: null },
      ],
    });
    expect(codes(result).sort()).toEqual(['FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND']);
  });
});

describe('canOpenOr: canOpen or an alternative, as one rule', () => {
  const marked = new WeakSet<object>();
  const schema = applyShield(
    makeExecutableSchema({
      typeDefs: /* GraphQL */ `
        type Query {
          administrations: [Administration!]!
        }
        type Administration {
          id: ID
          name: String
        }
      `,
      resolvers: {
        Query: {
          administrations: () => {
            const [a, b] = administrations.map((x) => ({ ...x }));
            marked.add(b!);
            return [a, b];
          },
        },
      },
    }),
    [
      {
        Query: { administrations: allow },
        Administration: {
          '*': canOpenOr('marked-in-test', (parent) => marked.has(parent as object)),
        },
      },
    ],
  );
  const read = (ctx: BaseContext) =>
    graphql({ schema, source: '{ administrations { id name } }', contextValue: ctx });

  it('the alternative allows without asking the permission loader', async () => {
    const ctx = context(user(), { [ADMIN_A]: ['LEDGER_READ'] });
    const result = await read(ctx);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      administrations: [
        { id: ADMIN_A, name: 'Alpha B.V.' },
        { id: ADMIN_B, name: 'Beta B.V.' },
      ],
    });
    // Only A (not marked) was looked up.
    expect(ctx.batches.flat()).toEqual([ADMIN_A]);
  });

  it("otherwise canOpen's answer, with its own error", async () => {
    const none = await read(context(user(), {}));
    expect(none.data).toEqual({
      administrations: [
        { id: null, name: null },
        { id: ADMIN_B, name: 'Beta B.V.' },
      ],
    });
    expect(codes(none)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const anon = await read(context(anonymous));
    expect(codes(anon)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
  });
});

describe('rules answered from settled permissions (no shield wrapper on the way)', () => {
  /** A context whose loader is the real one (createPermissionLoader) over `grants`. */
  function realContext(viewer: Viewer, grants: Record<string, string>) {
    const batches: string[][] = [];
    const db = {
      query: async (_sql: string, params: unknown[]) => {
        const ids = params[1] as string[];
        batches.push(ids);
        return ids
          .filter((id) => grants[id])
          .map((id) => ({ administration_id: id, permissions: grants[id]! }));
      },
    } as unknown as DataSource;
    const ctx: BaseContext = {
      requestId: 'test-request',
      clientAddress: null,
      logger: createLogger('rules-test', 'silent'),
      viewer,
      permissions: createPermissionLoader(db, viewer),
    };
    return { ctx, batches, grants };
  }
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  const nameField = () =>
    (shielded.getType('Administration') as GraphQLObjectType).getFields()['name']!;
  const info = { fieldName: 'name' } as never;

  it('a permission already loaded answers at once; one not loaded, or refused, goes through shield', async () => {
    const { ctx } = realContext(user(), { [ADMIN_A]: 'LEDGER_READ' });
    const [a, b] = administrations;
    // Nothing loaded yet: shield's async wrapper.
    expect(nameField().resolve!(a, {}, ctx, info)).toBeInstanceOf(Promise);
    await ctx.permissions.load(ADMIN_A);
    await ctx.permissions.load(ADMIN_B);
    await tick();
    // Loaded and granted: the field's own (default) resolver, synchronously.
    expect(nameField().resolve!(a, {}, ctx, info)).toBe('Alpha B.V.');
    // Loaded and refused: shield, with its error.
    const refused = nameField().resolve!(b, {}, ctx, info);
    expect(refused).toBeInstanceOf(Promise);
    expect(((await refused) as GraphQLError).extensions.code).toBe('FORBIDDEN');
  });

  it('answers exactly as shield does for every kind of viewer', async () => {
    const grants = { [ADMIN_A]: 'LEDGER_READ,LEDGER_WRITE', [ADMIN_B]: 'LEDGER_READ' };
    const source =
      '{ administrations { id name balance } administration(id: "' +
      ADMIN_B +
      '") { name balance } }';
    for (const viewer of [user(), anonymous, user({ scope: new Set(['LEDGER_READ']) as never })]) {
      const cold = await run(source, realContext(viewer, grants).ctx);
      const warm = realContext(viewer, grants);
      if (viewer.kind === 'user') {
        await warm.ctx.permissions.loadMany([ADMIN_A, ADMIN_B]);
        await tick();
      }
      const fast = await run(source, warm.ctx);
      expect(fast.data).toEqual(cold.data);
      expect(codes(fast).sort()).toEqual(codes(cold).sort());
    }
  });

  it('after the cache is emptied (around a mutation) a revoked permission is read again', async () => {
    const { ctx, batches, grants } = realContext(user(), { [ADMIN_A]: 'LEDGER_READ' });
    await ctx.permissions.load(ADMIN_A);
    await tick();
    expect(nameField().resolve!(administrations[0], {}, ctx, info)).toBe('Alpha B.V.');
    delete grants[ADMIN_A];
    ctx.permissions.clearAll();
    const again = await run('{ administrations { name } }', ctx);
    expect(again.data).toEqual({ administrations: [{ name: null }, { name: null }] });
    expect(codes(again)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(batches).toHaveLength(2);
  });
});
