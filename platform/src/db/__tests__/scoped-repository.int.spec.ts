import {
  Column,
  Entity,
  PrimaryGeneratedColumn,
  type DataSource,
  type EntityManager,
} from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@kantoor/platform/testing';
import { createDataSource } from '../data-source';
import { scoped, scopedMany } from '../scoped-repository';

@Entity({ name: 'scoped_test' })
class ScopedTest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'administration_id' })
  administrationId!: string;

  @Column('text')
  name!: string;
}

const ADMIN_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const ADMIN_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

let db: TestDatabase;
let dataSource: DataSource;
let manager: EntityManager;
/** Row ids by name, reseeded before every test. */
let ids: Record<'a1' | 'a2' | 'b1', string>;

/** Every row of the table, unscoped, read with plain SQL. */
async function allRows(): Promise<{ id: string; administration_id: string; name: string }[]> {
  return dataSource.query(
    `SELECT id, administration_id, name FROM ledger.scoped_test ORDER BY name`,
  );
}

async function rowB1() {
  return (await allRows()).find((r) => r.id === ids.b1);
}

beforeAll(async () => {
  db = await createTestDatabase();
  dataSource = createDataSource({
    url: db.url,
    schema: 'ledger',
    entities: [ScopedTest],
    migrations: [],
    poolSize: 2,
  });
  await dataSource.initialize();
  await dataSource.query(`CREATE TABLE ledger.scoped_test (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    administration_id uuid NOT NULL,
    name text NOT NULL
  )`);
  manager = dataSource.manager;
});

afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

beforeEach(async () => {
  await dataSource.query('TRUNCATE ledger.scoped_test');
  const rows: { id: string; name: 'a1' | 'a2' | 'b1' }[] = await dataSource.query(
    `INSERT INTO ledger.scoped_test (administration_id, name)
     VALUES ($1, 'a1'), ($1, 'a2'), ($2, 'b1')
     RETURNING id, name`,
    [ADMIN_A, ADMIN_B],
  );
  ids = Object.fromEntries(rows.map((r) => [r.name, r.id])) as typeof ids;
});

describe('ScopedRepository reads', () => {
  it('find() without a where returns only the scoped administration', async () => {
    const rows = await scoped(manager, ScopedTest, ADMIN_A).find({ order: { name: 'ASC' } });
    expect(rows.map((r) => r.name)).toEqual(['a1', 'a2']);
    expect(rows.every((r) => r.administrationId === ADMIN_A)).toBe(true);
    // Sanity: the other administration's row is there, just not visible.
    expect(await scoped(manager, ScopedTest, ADMIN_B).find()).toHaveLength(1);
  });

  it("find() by the other administration's row id returns nothing", async () => {
    const repo = scoped(manager, ScopedTest, ADMIN_A);
    expect(await repo.find({ where: { id: ids.b1 } })).toEqual([]);
    expect(await repo.find({ where: [{ id: ids.b1 }, { name: 'b1' }] })).toEqual([]);
    expect(await repo.find({ where: { id: ids.a1 } })).toHaveLength(1);
  });

  it("a where naming the other administration's id never returns its rows", async () => {
    const repo = scoped(manager, ScopedTest, ADMIN_A);
    const viaFind = await repo.find({ where: { administrationId: ADMIN_B } });
    const viaFindBy = await repo.findBy({ administrationId: ADMIN_B });
    const viaArray = await repo.findBy([{ administrationId: ADMIN_B }, { id: ids.b1 }]);
    for (const rows of [viaFind, viaFindBy, viaArray]) {
      expect(rows.map((r) => r.id)).not.toContain(ids.b1);
      expect(rows.every((r) => r.administrationId === ADMIN_A)).toBe(true);
    }
    expect(await repo.findBy({ administrationId: ADMIN_B, id: ids.b1 })).toEqual([]);
  });

  it('findOne() and findOneBy() do not find the other administration’s row', async () => {
    const repo = scoped(manager, ScopedTest, ADMIN_A);
    expect(await repo.findOneBy({ id: ids.b1 })).toBeNull();
    expect(await repo.findOne({ where: { id: ids.b1 } })).toBeNull();
    expect(await repo.findOne({ where: { id: ids.b1, administrationId: ADMIN_B } })).toBeNull();
    expect((await repo.findOneBy({ id: ids.a1 }))?.name).toBe('a1');
  });

  it('count() counts only the scoped administration', async () => {
    const repo = scoped(manager, ScopedTest, ADMIN_A);
    expect(await repo.count()).toBe(2);
    expect(await repo.count({ id: ids.b1 })).toBe(0);
    expect(await repo.count({ name: 'b1' })).toBe(0);
    // Naming the other administration matches nothing: it never widens the query.
    expect(await repo.count({ administrationId: ADMIN_B })).toBe(0);
    expect(await scoped(manager, ScopedTest, ADMIN_B).count()).toBe(1);
  });

  it('createQueryBuilder() filters on the administration, also with andWhere', async () => {
    const repo = scoped(manager, ScopedTest, ADMIN_A);
    const all = await repo.createQueryBuilder('s').orderBy('s.name').getMany();
    expect(all.map((r) => r.name)).toEqual(['a1', 'a2']);
    expect(
      await repo.createQueryBuilder('s').andWhere('s.id = :id', { id: ids.b1 }).getMany(),
    ).toEqual([]);
    expect(
      await repo
        .createQueryBuilder('s')
        .andWhere('s.administrationId = :other', { other: ADMIN_B })
        .getCount(),
    ).toBe(0);
  });
});

describe('ScopedRepository writes', () => {
  it("delete() by the other administration's row id deletes nothing", async () => {
    const repo = scoped(manager, ScopedTest, ADMIN_A);
    expect(await repo.delete({ id: ids.b1 })).toBe(0);
    expect(await repo.delete([{ id: ids.b1 }, { name: 'b1' }])).toBe(0);
    expect(await rowB1()).toMatchObject({ administration_id: ADMIN_B, name: 'b1' });
    expect(await allRows()).toHaveLength(3);
  });

  it('delete() of its own row deletes exactly that row', async () => {
    const repo = scoped(manager, ScopedTest, ADMIN_A);
    expect(await repo.delete([{ id: ids.a1 }, { id: ids.b1 }])).toBe(1);
    expect((await allRows()).map((r) => r.name)).toEqual(['a2', 'b1']);
  });

  it("delete() naming the other administration's id never touches that administration", async () => {
    const repo = scoped(manager, ScopedTest, ADMIN_A);
    await repo.delete({ administrationId: ADMIN_B });
    expect(await rowB1()).toMatchObject({ administration_id: ADMIN_B, name: 'b1' });
  });

  it('create() forces the scoped administration id, whatever the values say', async () => {
    const repo = scoped(manager, ScopedTest, ADMIN_A);
    const entity = repo.create({ administrationId: ADMIN_B, name: 'new' });
    expect(entity).toBeInstanceOf(ScopedTest);
    expect(entity.administrationId).toBe(ADMIN_A);
    const saved = await repo.save(entity);
    expect(saved.id).toEqual(expect.any(String));
    const stored = (await allRows()).find((r) => r.id === saved.id);
    expect(stored).toMatchObject({ administration_id: ADMIN_A, name: 'new' });
  });

  it('save() of an entity of another administration throws and writes nothing', async () => {
    const foreign = await manager.getRepository(ScopedTest).findOneByOrFail({ id: ids.b1 });
    foreign.name = 'changed through A';
    const repo = scoped(manager, ScopedTest, ADMIN_A);
    await expect(async () => repo.save(foreign)).rejects.toThrow(
      'ScopedRepository: entity belongs to another administration',
    );
    // A brand-new entity of the other administration is refused too.
    const fresh = Object.assign(new ScopedTest(), { administrationId: ADMIN_B, name: 'sneaky' });
    await expect(async () => repo.save(fresh)).rejects.toThrow(/another administration/);
    expect(await rowB1()).toMatchObject({ administration_id: ADMIN_B, name: 'b1' });
    expect(await allRows()).toHaveLength(3);
  });

  it('save() updates its own entity', async () => {
    const repo = scoped(manager, ScopedTest, ADMIN_A);
    const own = await repo.findOneBy({ id: ids.a1 });
    own!.name = 'a1-renamed';
    await repo.save(own!);
    expect((await allRows()).map((r) => r.name)).toEqual(['a1-renamed', 'a2', 'b1']);
  });

  it('works inside a transaction manager, and rolls back with it', async () => {
    await expect(
      dataSource.transaction(async (tx) => {
        const repo = scoped(tx, ScopedTest, ADMIN_A);
        await repo.save(repo.create({ name: 'in-tx' }));
        expect(await repo.count()).toBe(3);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await scoped(manager, ScopedTest, ADMIN_A).count()).toBe(2);
  });
});

/* The promise of the class: an unscoped query cannot be written through it. */
describe('ScopedRepository cannot be unscoped', () => {
  it('an empty where list (findBy([]), find({ where: [] }), count([])) stays scoped', async () => {
    // e.g. findBy(selectedIds.map((id) => ({ id }))) with nothing selected.
    const repo = scoped(manager, ScopedTest, ADMIN_A);
    const found = [...(await repo.findBy([])), ...(await repo.find({ where: [] }))];
    expect(found.map((r) => r.administrationId)).not.toContain(ADMIN_B);
    expect(await repo.count([])).toBeLessThanOrEqual(2);
  });

  it("BUG: save() of an entity carrying another administration's row id does not take over that row", async () => {
    const repo = scoped(manager, ScopedTest, ADMIN_A);
    // create() stamps ADMIN_A, so save()'s own check passes; TypeORM then upserts by id.
    const hijack = repo.create({ id: ids.b1, name: 'hijacked' });
    await repo.save(hijack).catch(() => undefined);
    expect(await rowB1()).toMatchObject({ administration_id: ADMIN_B, name: 'b1' });
  });

  it('createQueryBuilder().orWhere() cannot reach other administrations', async () => {
    const repo = scoped(manager, ScopedTest, ADMIN_A);
    expect(() => repo.createQueryBuilder('s').orWhere('s.name = :n', { n: 'b1' })).toThrow(
      /orWhere/,
    );
  });

  it('createQueryBuilder().where() does not drop the administration filter', async () => {
    const repo = scoped(manager, ScopedTest, ADMIN_A);
    const rows = await repo.createQueryBuilder('s').where('s.name = :n', { n: 'b1' }).getMany();
    expect(rows.map((r) => r.id)).not.toContain(ids.b1);
  });

  it('a query parameter named __administrationId cannot redirect createQueryBuilder()', async () => {
    const repo = scoped(manager, ScopedTest, ADMIN_A);
    const rows = await repo
      .createQueryBuilder('s')
      .andWhere('s.name = :name', { name: 'b1', __administrationId: ADMIN_B })
      .getMany();
    expect(rows.map((r) => r.id)).not.toContain(ids.b1);
  });

  it('delete() naming another administration deletes nothing (not all of this administration)', async () => {
    const repo = scoped(manager, ScopedTest, ADMIN_A);
    const affected = await repo.delete({ administrationId: ADMIN_B });
    expect(affected).toBe(0);
    expect(await scoped(manager, ScopedTest, ADMIN_A).count()).toBe(2);
  });
});

describe('scopedMany', () => {
  const ADMIN_C = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

  it('reads the rows of exactly the administrations named', async () => {
    const names = async (admins: string[]) =>
      (await scopedMany(manager, ScopedTest, admins, 's').orderBy('s.name').getMany()).map(
        (r) => r.name,
      );
    expect(await names([ADMIN_A])).toEqual(['a1', 'a2']);
    expect(await names([ADMIN_A, ADMIN_B])).toEqual(['a1', 'a2', 'b1']);
    expect(await names([ADMIN_C])).toEqual([]);
    expect(await names([])).toEqual([]);
  });

  it('where() only narrows and orWhere() throws', async () => {
    const rows = await scopedMany(manager, ScopedTest, [ADMIN_A], 's')
      .where('s.name = :n', { n: 'b1' })
      .getMany();
    expect(rows).toEqual([]);
    expect(() =>
      scopedMany(manager, ScopedTest, [ADMIN_A], 's').orWhere('s.name = :n', { n: 'b1' }),
    ).toThrow(/orWhere/);
  });
});
