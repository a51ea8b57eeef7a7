import { type Factories } from '../../../../../../test/factories';
import { startTestSystemWithFactories, type TestSystem } from '../../../../../../test/system';
import { isOpenActionsReport } from '@kantoor/platform';

let system: TestSystem;
let make: Factories;

beforeAll(async () => ({ system, make } = await startTestSystemWithFactories()));
afterAll(() => system?.stop());

const LIST = `query($first: Int, $after: String, $filter: AdministrationFilter) {
  administrations(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { name kind vatNumber kvkNumber archived } }
  }
}`;
interface ListData {
  administrations: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { name: string; kind: string } }[];
  };
}

describe('administrations: the dashboard list', () => {
  test('ordered by name case-insensitively, keyset pages with no gaps or repeats', async () => {
    const office = await make.office();
    const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
    const names = [
      'bakkerij Zuid',
      'Apotheek Noord',
      'apotheek Oost',
      'Café Centraal',
      'Zeilmakerij',
      'bakkerij Noord',
      'Dierenarts',
    ];
    for (const name of names) await make.administration({ officeId: office.id, name });
    const token = await make.token(admin.id);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const r: { data?: ListData | null } = await system.query<ListData>(LIST, {
        token,
        variables: { first: 3, after },
      });
      const page: ListData['administrations'] = r.data!.administrations;
      expect(page.totalCount).toBe(names.length);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.edges.map((e) => e.node.name));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  test('search matches name, VAT number and KvK number case-insensitively; kinds filter', async () => {
    const office = await make.office();
    const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
    const db = system.subgraphs.tenancy.runtime.dataSource;
    const a = await make.administration({ officeId: office.id, name: 'Garage Visser' });
    const b = await make.administration({
      officeId: office.id,
      name: 'Kapsalon Mooi',
      kind: 'INTERNAL_WITH_CLIENT_LOGIN',
      clientModules: ['LEDGER'],
    });
    await db.query(
      `UPDATE tenancy.administrations SET vat_number = 'NL123456782B01' WHERE id = $1`,
      [a.id],
    );
    await db.query(`UPDATE tenancy.administrations SET kvk_number = '87654321' WHERE id = $1`, [
      b.id,
    ]);
    const token = await make.token(admin.id);
    const names = async (filter: Record<string, unknown>) =>
      (
        await system.query<ListData>(LIST, { token, variables: { filter } })
      ).data!.administrations.edges.map((e) => e.node.name);
    expect(await names({ search: 'garage' })).toEqual(['Garage Visser']);
    expect(await names({ search: 'nl123456782b01' })).toEqual(['Garage Visser']);
    expect(await names({ search: '8765 4321' })).toEqual(['Kapsalon Mooi']);
    expect(await names({ search: '%' })).toEqual([]);
    expect(await names({ kinds: ['INTERNAL_WITH_CLIENT_LOGIN'] })).toEqual(['Kapsalon Mooi']);
    expect(await names({ kinds: ['INTERNAL', 'INTERNAL_WITH_CLIENT_LOGIN'] })).toEqual([
      'Garage Visser',
      'Kapsalon Mooi',
    ]);
  });

  test('a malformed cursor or page size is a BAD_USER_INPUT error', async () => {
    const office = await make.office();
    const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
    const token = await make.token(admin.id);
    const bad = await system.query(LIST, { token, variables: { after: 'not-a-cursor' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await system.query(LIST, { token, variables: { first: 100_000 } });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('administrations: what one page costs', () => {
  const PAGE = `{ administrations(first: 50) { totalCount edges { node { id name myPermissions
    openActions { draftEntries draftInvoices vatReturnsToFile total updatedAt } } } } }`;
  const ONE = `query($id: ID!) { administration(id: $id) { id name myPermissions
    openActions { draftEntries draftInvoices vatReturnsToFile total updatedAt } } }`;
  interface Node {
    id: string;
    name: string;
    myPermissions: string[];
    openActions: Record<string, unknown>;
  }

  test.each(['ADMIN', 'MEMBER'] as const)(
    'the viewer, then the page with permissions and open actions and its count side by side (%s)',
    async (role) => {
      const office = await make.office();
      const user = await make.user({ officeId: office.id, officeRole: role });
      const ids: string[] = [];
      const tenancy = system.subgraphs.tenancy.runtime.dataSource;
      // Inserted directly: no administration.created event, whose handlers share the data
      // source and would write while the statements are counted.
      for (let i = 0; i < 4; i++) {
        const [row] = await tenancy.query(
          `INSERT INTO tenancy.administrations (office_id, name, kind) VALUES ($1, $2, 'INTERNAL') RETURNING id`,
          [office.id, `Pagina ${i}`],
        );
        ids.push(row.id);
      }
      if (role === 'MEMBER') {
        await make.grant(user.id, ids[0]!, ['LEDGER_READ', 'VAT_READ']);
        await make.grant(user.id, ids[2]!, ['INVOICING_READ']);
      }
      const token = await make.token(user.id);
      const statements: string[] = [];
      const spy = jest.spyOn(tenancy.logger, 'logQuery').mockImplementation((sql, _p, runner) => {
        // Event handlers share the data source and may deliver an earlier test's report
        // meanwhile; they always run in a transaction, this read never does.
        if (isOpenActionsReport(sql, runner) || runner?.isTransactionActive) return;
        statements.push(String(sql));
      });
      let nodes: Node[];
      try {
        const r = await system.query<{
          administrations: { totalCount: number; edges: { node: Node }[] };
        }>(PAGE, { token });
        expect(r.errors).toBeUndefined();
        expect(r.data!.administrations.totalCount).toBe(role === 'ADMIN' ? 4 : 2);
        nodes = r.data!.administrations.edges.map((e) => e.node);
      } finally {
        spy.mockRestore();
      }
      // Who is asking (one statement), then the page and its count at the same time (on two
      // connections): nothing per field or per loader.
      expect(statements).toHaveLength(3);
      expect(statements[0]).toContain('tenancy.principals');
      const [page, count] = statements[1]!.includes('page_sort_name')
        ? [statements[1]!, statements[2]!]
        : [statements[2]!, statements[1]!];
      expect(page).toContain('page_permissions');
      expect(page).toContain('page_open_actions');
      expect(page).not.toContain('count(*)');
      expect(count).toMatch(/^SELECT count\(\*\) AS "page_total_count"/);
      expect(nodes.map((n) => n.id).sort()).toEqual(
        (role === 'ADMIN' ? ids : [ids[0]!, ids[2]!]).sort(),
      );
      // The same answers as the per-administration path (its own loaders and statements).
      for (const node of nodes) {
        const one = await system.query<{ administration: Node }>(ONE, {
          token,
          variables: { id: node.id },
        });
        expect(node).toEqual(one.data!.administration);
      }
      if (role === 'MEMBER') {
        expect(nodes.find((n) => n.id === ids[2])!.myPermissions).toEqual(['INVOICING_READ']);
      } else {
        expect(nodes[0]!.myPermissions).toHaveLength(7);
      }
    },
  );
});
