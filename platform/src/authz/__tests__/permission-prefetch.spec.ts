import type { DataSource } from 'typeorm';
import { freezeViewer } from '../../auth/viewer';
import { administrationIdsIn, createPermissionLoader } from '../permission-loader';
import { settled as settledPermissions } from '../../graphql/settled-loader';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const USER = '33333333-3333-4333-8333-333333333333';

/** A database that answers the permission query from a table and counts the queries. */
function fakeDb(rows: { administration_id: string; permissions: string }[]) {
  const queries: unknown[][] = [];
  const db = {
    query: async (_sql: string, params: unknown[]) => {
      queries.push(params);
      const ids = params[1] as string[];
      return rows.filter((r) => ids.includes(r.administration_id));
    },
  } as unknown as DataSource;
  return { db, queries };
}

const viewer = (scope: string[] | null = null, userId = USER) =>
  freezeViewer({
    userId,
    userKind: 'STAFF',
    officeId: null,
    officeRole: 'MEMBER',
    scope: scope ? new Set(scope as never[]) : null,
    sessionId: null,
    apiTokenId: null,
  });

test('the administration ids a request names: administrationId anywhere, Administration representations', () => {
  expect(
    administrationIdsIn({
      input: { administrationId: A.toUpperCase(), lines: [{ administrationId: 'not-a-uuid' }] },
      representations: [
        { __typename: 'Administration', id: B },
        { __typename: 'Customer', id: A },
      ],
    }).sort(),
  ).toEqual([A, B].sort());
  expect(administrationIdsIn(undefined)).toEqual([]);
  expect(administrationIdsIn({ id: A })).toEqual([]);
});

test('prefetched rows answer the loader without a query, cut to the viewer scope', async () => {
  const { db, queries } = fakeDb([]);
  const rows = [{ administration_id: A, permissions: 'LEDGER_READ,LEDGER_WRITE' }];
  const loader = createPermissionLoader(db, viewer(['LEDGER_READ']), {
    userId: USER,
    ids: [A, B],
    rows,
  });
  expect([...(await loader.load(A))]).toEqual(['LEDGER_READ']);
  expect((await loader.load(B)).size).toBe(0);
  expect(queries).toHaveLength(0);
});

test('rows prefetched for another user are ignored: the loader reads for its own viewer', async () => {
  const { db, queries } = fakeDb([{ administration_id: A, permissions: 'LEDGER_READ' }]);
  const loader = createPermissionLoader(db, viewer(), {
    userId: '44444444-4444-4444-8444-444444444444',
    ids: [A],
    rows: [{ administration_id: A, permissions: 'LEDGER_WRITE' }],
  });
  expect([...(await loader.load(A))]).toEqual(['LEDGER_READ']);
  expect(queries).toEqual([[USER, [A]]]);
});

describe('settledPermissions: what the loader already holds, without waiting', () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  test('nothing before a load has settled; the loaded answer after', async () => {
    const { db } = fakeDb([{ administration_id: A, permissions: 'LEDGER_READ' }]);
    const loader = createPermissionLoader(db, viewer());
    expect(settledPermissions(loader, A)).toBeUndefined();
    const pending = loader.load(A);
    expect(settledPermissions(loader, A)).toBeUndefined();
    await pending;
    await tick();
    expect([...settledPermissions(loader, A)!]).toEqual(['LEDGER_READ']);
    expect(settledPermissions(loader, B)).toBeUndefined();
  });

  test('primed (prefetched) answers are held, no permission included', async () => {
    const { db, queries } = fakeDb([]);
    const loader = createPermissionLoader(db, viewer(), {
      userId: USER,
      ids: [A, B],
      rows: [{ administration_id: A, permissions: 'LEDGER_READ' }],
    });
    await tick();
    expect([...settledPermissions(loader, A)!]).toEqual(['LEDGER_READ']);
    expect(settledPermissions(loader, B)!.size).toBe(0);
    expect(queries).toHaveLength(0);
  });

  test('clearAll and clear forget at once; a load that settles after a clear records nothing', async () => {
    const rows = [{ administration_id: A, permissions: 'LEDGER_READ' }];
    const { db } = fakeDb(rows);
    const loader = createPermissionLoader(db, viewer());
    await loader.load(A);
    await tick();
    expect(settledPermissions(loader, A)).toBeDefined();
    loader.clearAll();
    expect(settledPermissions(loader, A)).toBeUndefined();

    await loader.load(A);
    await tick();
    loader.clear(A);
    expect(settledPermissions(loader, A)).toBeUndefined();

    // The grant is revoked while a load is under way, and the cache is emptied before it
    // settles (a mutation's end): the stale answer must not become the settled one.
    const stale = loader.load(A);
    loader.clearAll();
    rows.length = 0;
    await stale;
    await tick();
    expect(settledPermissions(loader, A)).toBeUndefined();
    expect((await loader.load(A)).size).toBe(0);
    await tick();
    expect(settledPermissions(loader, A)!.size).toBe(0);
  });

  test('a loader not made by createPermissionLoader holds nothing', () => {
    expect(settledPermissions(undefined as never, A)).toBeUndefined();
  });
});
