import { randomUUID } from 'node:crypto';
import { DomainError, MoneyDecimal } from '@kantoor/platform';
import type { DataSource } from 'typeorm';
import {
  deliver,
  events as e,
  linesOf,
  openBillingDatabase,
  totalsOf,
} from '../../../__tests__/billing-test.helpers';
import { fixedClock } from '@kantoor/platform';
import { createBillingServices } from '../../../context';
import type { DomainEvent } from '@kantoor/platform';

/**
 * The statement maths on a real database with a fixed clock: events are delivered to
 * billing's consumers as pg-boss would, then the services run as the resolvers call them.
 */

let dataSource: DataSource;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ dataSource, close } = await openBillingDatabase());
});
afterAll(async () => {
  await close?.();
});

function at(instant: string) {
  return createBillingServices({ dataSource }, fixedClock(new Date(instant)));
}

async function feed(list: DomainEvent[], parallel = false): Promise<void> {
  if (parallel) {
    await Promise.all(list.map((ev) => deliver(dataSource, ev)));
    return;
  }
  for (const ev of list) await deliver(dataSource, ev);
}

/** An office created at `createdAt` with one STAFF ADMIN from then on. */
async function office(createdAt: string, trialDays = 30): Promise<string> {
  const id = randomUUID();
  await feed([
    e.officeCreated(id, createdAt, trialDays),
    e.staffAdded(id, randomUUID(), createdAt, 'ADMIN'),
  ]);
  return id;
}

async function statementOf(officeId: string, period: string) {
  const all = (await at('2030-01-01T12:00:00Z').statements.statementsOf([officeId])).get(officeId)!;
  const found = all.find((s) => s.period === period);
  if (!found) throw new Error(`no statement ${period} for ${officeId}`);
  return found;
}

async function codeOf(promise: Promise<unknown>): Promise<[string, string[] | undefined]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return [error.code, error.field];
    throw error;
  }
  throw new Error('no DomainError');
}

describe('billing runs (concurrency first: this file shares one database)', () => {
  test('two runs racing for one month make exactly one statement per office', async () => {
    const offices = [
      await office('2025-12-01T10:00:00Z'),
      await office('2025-12-01T10:00:00Z'),
      await office('2025-12-01T10:00:00Z'),
    ];
    const clock = '2026-02-01T08:00:00Z';
    const [first, second] = await Promise.all([
      at(clock).statements.run('2026-01', null),
      at(clock).statements.run('2026-01', null),
    ]);
    expect(first + second).toBe(3);
    const rows: { office_id: string; n: string }[] = await dataSource.query(
      `SELECT office_id, count(*) AS n FROM billing.statements WHERE period = '2026-01' GROUP BY office_id`,
    );
    expect(rows.map((r) => [r.office_id, Number(r.n)]).sort()).toEqual(
      offices.map((o) => [o, 1]).sort(),
    );
    expect(await at(clock).statements.run('2026-01', null)).toBe(0);
    // An office of December, in its trial until 31 December: January in full.
    const january = await statementOf(offices[0]!, '2026-01');
    expect(linesOf(january)).toEqual([
      ['DASHBOARD', 1, '0.00', '0.00'],
      ['DASHBOARD_USER', 1, '11.25', '11.25'],
    ]);
    expect(totalsOf(january)).toEqual(['11.25', '2.36', '13.61']);
    expect(january).toMatchObject({ period: '2026-01', from: '2026-01-01', to: '2026-01-31' });
    expect(january.issuedAt).toBeInstanceOf(Date);
  });

  test('a month not ended, a malformed month or one without prices is refused; nothing is written', async () => {
    const runs = async () =>
      Number((await dataSource.query(`SELECT count(*) AS n FROM billing.billing_runs`))[0].n);
    const before = await runs();
    const svc = at('2026-03-15T12:00:00Z').statements;
    expect(await codeOf(svc.run('2026-13', null))).toEqual(['INVALID_PERIOD', ['input', 'period']]);
    expect(await codeOf(svc.run('26-01', null))).toEqual(['INVALID_PERIOD', ['input', 'period']]);
    expect(await codeOf(svc.run('2026-03', null))).toEqual([
      'PERIOD_NOT_ENDED',
      ['input', 'period'],
    ]);
    expect(await codeOf(svc.run('2026-04', null))).toEqual([
      'PERIOD_NOT_ENDED',
      ['input', 'period'],
    ]);
    expect(await codeOf(svc.run('2025-12', null))).toEqual(['NO_PRICE_LIST', ['input', 'period']]);
    expect(await runs()).toBe(before);
    // The last day of the month is not enough; the first of the next is.
    expect(await codeOf(at('2026-03-31T21:59:00Z').statements.run('2026-03', null))).toEqual([
      'PERIOD_NOT_ENDED',
      ['input', 'period'],
    ]);
  });

  test('an office billing first heard of after the month gets no statement for it', async () => {
    const later = await office('2026-02-10T10:00:00Z');
    await at('2026-02-20T10:00:00Z').statements.run('2026-01', null);
    expect((await at('2026-02-20T10:00:00Z').statements.statementsOf([later])).get(later)).toEqual(
      [],
    );
  });

  test('statements cannot be changed or deleted, not even with SQL', async () => {
    await expect(
      dataSource.query(`UPDATE billing.statements SET vat = 0 WHERE period = '2026-01'`),
    ).rejects.toThrow(/immutable/);
    await expect(
      dataSource.query(`DELETE FROM billing.statement_lines WHERE amount > 0`),
    ).rejects.toThrow(/immutable/);
  });
});

describe('statements (fixed clock)', () => {
  test('a full month: one line per kind of item; clients, external administrations free', async () => {
    const o = await office('2026-01-10T10:00:00Z');
    const business = randomUUID();
    await feed([
      e.staffAdded(o, randomUUID(), '2026-01-12T10:00:00Z'),
      e.staffAdded(o, randomUUID(), '2026-02-27T10:00:00Z', 'ADMIN'),
      e.clientAdded(o, randomUUID(), '2026-01-12T10:00:00Z'),
      e.administrationCreated(o, randomUUID(), '2026-01-12T10:00:00Z'),
      e.administrationCreated(o, randomUUID(), '2026-02-12T10:00:00Z'),
      e.administrationCreated(
        o,
        randomUUID(),
        '2026-01-12T10:00:00Z',
        'INTERNAL_WITH_CLIENT_LOGIN',
        ['INVOICING'],
      ),
      e.administrationCreated(
        o,
        randomUUID(),
        '2026-01-12T10:00:00Z',
        'INTERNAL_WITH_CLIENT_LOGIN',
        ['LEDGER', 'INVOICING'],
      ),
      // An own subscription (no office), linked to the office.
      e.administrationCreated(null, business, '2026-01-03T10:00:00Z', 'EXTERNAL'),
      e.linked(o, business, '2026-02-01T10:00:00Z'),
    ]);
    expect(await at('2026-04-01T06:00:00Z').statements.run('2026-03', null)).toBeGreaterThan(0);
    const march = await statementOf(o, '2026-03');
    expect(linesOf(march)).toEqual([
      ['DASHBOARD', 1, '0.00', '0.00'],
      ['DASHBOARD_USER', 3, '11.25', '33.75'],
      ['INTERNAL_1_25', 2, '6.00', '12.00'],
      ['CLIENT_LOGIN_INVOICING', 1, '7.50', '7.50'],
      ['CLIENT_LOGIN_LEDGER_INVOICING', 1, '12.50', '12.50'],
      ['EXTERNAL', 1, '0.00', '0.00'],
    ]);
    // 65.75 x 21% = 13.8075 -> 13.81
    expect(totalsOf(march)).toEqual(['65.75', '13.81', '79.56']);
  });

  test('users and administrations added and removed mid-month count their calendar days', async () => {
    const o = await office('2026-01-10T10:00:00Z');
    const [leaver, joiner, archived, added, switcher] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    await feed([
      e.staffAdded(o, leaver, '2026-01-12T10:00:00Z'),
      e.staffAdded(o, joiner, '2026-04-16T10:00:00Z'),
      e.userDeactivated(o, leaver, '2026-04-20T16:00:00Z'),
      e.administrationCreated(o, archived, '2026-01-12T10:00:00Z'),
      e.archived(o, archived, '2026-04-10T10:00:00Z'),
      e.administrationCreated(o, added, '2026-04-21T10:00:00Z'),
      e.administrationCreated(o, switcher, '2026-01-12T10:00:00Z', 'INTERNAL_WITH_CLIENT_LOGIN', [
        'INVOICING',
      ]),
      e.administrationUpdated(o, switcher, '2026-04-16T10:00:00Z', 'INTERNAL_WITH_CLIENT_LOGIN', [
        'LEDGER',
        'INVOICING',
      ]),
      // 22:30 UTC on 30 April is 1 May in the Netherlands: not in April.
      e.staffAdded(o, randomUUID(), '2026-04-30T22:30:00Z'),
    ]);
    await at('2026-05-01T06:00:00Z').statements.run('2026-04', null);
    const april = await statementOf(o, '2026-04');
    expect(linesOf(april)).toEqual([
      ['DASHBOARD', 1, '0.00', '0.00'],
      // The ADMIN all month (30) + leaver 1-20 (20) + joiner 16-30 (15) = 65 of 30 days.
      ['DASHBOARD_USER', 3, '11.25', '24.38'],
      // archived 1-10 (10) + added 21-30 (10) = 20 of 30 days: 6.00 x 20 / 30
      ['INTERNAL_1_25', 2, '6.00', '4.00'],
      // 1-15 as Facturatie, 16-30 as Financieel + Facturatie
      ['CLIENT_LOGIN_INVOICING', 1, '7.50', '3.75'],
      ['CLIENT_LOGIN_LEDGER_INVOICING', 1, '12.50', '6.25'],
    ]);
    expect(april.lines[1]!.weightedQuantity.toFixed(4)).toBe('2.1667');
    // 38.38 x 21% = 8.0598 -> 8.06
    expect(totalsOf(april)).toEqual(['38.38', '8.06', '46.44']);
  });

  test('a suspended office is billed for the days before its suspension (and after reinstatement)', async () => {
    const back = await office('2026-01-10T10:00:00Z');
    const gone = await office('2026-01-10T10:00:00Z');
    await feed([
      e.suspended(back, '2026-05-11T10:00:00Z'),
      e.reinstated(back, '2026-05-21T10:00:00Z'),
      e.suspended(gone, '2026-05-11T10:00:00Z'),
    ]);
    await at('2026-06-01T06:00:00Z').statements.run('2026-05', null);
    // 1-11 and 21-31 = 22 of 31 days: 11.25 x 22/31 = 7.9839 -> 7.98
    expect(linesOf(await statementOf(back, '2026-05'))[1]).toEqual([
      'DASHBOARD_USER',
      1,
      '11.25',
      '7.98',
    ]);
    // 1-11 = 11 of 31 days: 3.9919 -> 3.99
    const suspended = await statementOf(gone, '2026-05');
    expect(linesOf(suspended)[1]).toEqual(['DASHBOARD_USER', 1, '11.25', '3.99']);
    expect(totalsOf(suspended)).toEqual(['3.99', '0.84', '4.83']);
  });

  test('tier boundaries 25/26 and 100/101 on the day-weighted count', async () => {
    const offices: Record<string, string> = {};
    const list: DomainEvent[] = [];
    const withInternal = async (name: string, count: number, extraDay?: string) => {
      const o = await office('2026-01-10T10:00:00Z');
      offices[name] = o;
      for (let i = 0; i < count; i++) {
        list.push(e.administrationCreated(o, randomUUID(), '2026-05-20T10:00:00Z'));
      }
      if (extraDay) list.push(e.administrationCreated(o, randomUUID(), extraDay));
    };
    await withInternal('25', 25);
    await withInternal('26', 26);
    await withInternal('100', 100);
    await withInternal('101', 101);
    await withInternal('25 + half', 25, '2026-06-16T10:00:00Z');
    await withInternal('100 + a day', 100, '2026-06-30T10:00:00Z');
    // Arrival order is irrelevant: deliver them all at once.
    await feed(list, true);
    await at('2026-07-01T06:00:00Z').statements.run('2026-06', null);
    const internal = async (name: string) => {
      const s = await statementOf(offices[name]!, '2026-06');
      return {
        lines: linesOf(s).filter(([code]) => code.startsWith('INTERNAL')),
        totals: totalsOf(s),
      };
    };
    const user = 11.25;
    expect(await internal('25')).toEqual({
      lines: [['INTERNAL_1_25', 25, '6.00', '150.00']],
      totals: [(150 + user).toFixed(2), '33.86', '195.11'],
    });
    expect(await internal('26')).toEqual({
      lines: [
        ['INTERNAL_1_25', 25, '6.00', '150.00'],
        ['INTERNAL_26_100', 1, '4.50', '4.50'],
      ],
      // 165.75 x 21% = 34.8075 -> 34.81
      totals: ['165.75', '34.81', '200.56'],
    });
    expect((await internal('100')).lines).toEqual([
      ['INTERNAL_1_25', 25, '6.00', '150.00'],
      ['INTERNAL_26_100', 75, '4.50', '337.50'],
    ]);
    expect((await internal('101')).lines).toEqual([
      ['INTERNAL_1_25', 25, '6.00', '150.00'],
      ['INTERNAL_26_100', 75, '4.50', '337.50'],
      ['INTERNAL_101_UP', 1, '3.00', '3.00'],
    ]);
    // 25.5 weighted: half an administration in the second tier.
    expect((await internal('25 + half')).lines).toEqual([
      ['INTERNAL_1_25', 25, '6.00', '150.00'],
      ['INTERNAL_26_100', 1, '4.50', '2.25'],
    ]);
    // 100 + 1/30: 3.00 / 30 = 0.10
    expect((await internal('100 + a day')).lines.at(-1)).toEqual([
      'INTERNAL_101_UP',
      1,
      '3.00',
      '0.10',
    ]);
  });

  test('a trial ending mid-month: a discount line for the trial days, nothing paid before', async () => {
    // Created 14 July 12:00 in Amsterdam; trial until 13 August 12:00: 13 August is paid.
    const o = randomUUID();
    await feed([
      e.officeCreated(o, '2026-07-14T10:00:00Z'),
      e.staffAdded(o, randomUUID(), '2026-07-14T10:00:00Z', 'ADMIN'),
      e.administrationCreated(o, randomUUID(), '2026-07-14T10:05:00Z'),
    ]);
    await at('2026-08-01T06:00:00Z').statements.run('2026-07', null);
    const july = await statementOf(o, '2026-07');
    // 18 of 31 days: 11.25 -> 6.53, 6.00 -> 3.48; all of them trial days.
    expect(linesOf(july)).toEqual([
      ['DASHBOARD', 1, '0.00', '0.00'],
      ['DASHBOARD_USER', 1, '11.25', '6.53'],
      ['INTERNAL_1_25', 1, '6.00', '3.48'],
      ['TRIAL_DISCOUNT', 1, '-10.01', '-10.01'],
    ]);
    expect(july.lines.at(-1)!.description).toMatch(/18 days/);
    expect(totalsOf(july)).toEqual(['0.00', '0.00', '0.00']);

    await at('2026-09-01T06:00:00Z').statements.run('2026-08', null);
    const august = await statementOf(o, '2026-08');
    // 1-12 August free: (11.25 + 6.00) x 12/31 = 6.6774 -> 6.68
    expect(linesOf(august)).toEqual([
      ['DASHBOARD', 1, '0.00', '0.00'],
      ['DASHBOARD_USER', 1, '11.25', '11.25'],
      ['INTERNAL_1_25', 1, '6.00', '6.00'],
      ['TRIAL_DISCOUNT', 1, '-6.68', '-6.68'],
    ]);
    expect(august.lines.at(-1)!.description).toMatch(/12 days/);
    // 10.57 x 21% = 2.2197 -> 2.22
    expect(totalsOf(august)).toEqual(['10.57', '2.22', '12.79']);
  });

  test('leap-year February has 29 days', async () => {
    const o = await office('2027-12-01T10:00:00Z');
    await feed([
      e.staffAdded(o, randomUUID(), '2028-02-15T10:00:00Z'),
      e.administrationCreated(o, randomUUID(), '2028-02-29T10:00:00Z'),
    ]);
    await at('2028-03-01T06:00:00Z').statements.run('2028-02', null);
    const february = await statementOf(o, '2028-02');
    expect(february).toMatchObject({ from: '2028-02-01', to: '2028-02-29' });
    // Users: 29 + 15 = 44 of 29 days: 17.0690 -> 17.07; the administration 1 day: 0.2069 -> 0.21
    expect(linesOf(february)).toEqual([
      ['DASHBOARD', 1, '0.00', '0.00'],
      ['DASHBOARD_USER', 2, '11.25', '17.07'],
      ['INTERNAL_1_25', 1, '6.00', '0.21'],
    ]);
    // 17.28 x 21% = 3.6288 -> 3.63
    expect(totalsOf(february)).toEqual(['17.28', '3.63', '20.91']);
  });

  test('a price change applies from its month on; statements made before never change', async () => {
    const o = await office('2028-10-01T10:00:00Z');
    await feed([e.administrationCreated(o, randomUUID(), '2028-10-02T10:00:00Z')]);
    const november = at('2028-11-15T12:00:00Z');
    const scheduled = await november.priceLists.schedule('2029-01', [
      { code: 'DASHBOARD_USER', unitPrice: new MoneyDecimal('12.00') },
      { code: 'INTERNAL_1_25', unitPrice: new MoneyDecimal('5.50') },
    ]);
    expect(scheduled.list.effectiveFrom).toBe('2029-01-01');
    expect(scheduled.items.map((i) => [i.code, i.unitPrice.toFixed(2)])).toContainEqual([
      'CLIENT_LOGIN_LEDGER',
      '10.00',
    ]);
    // The price list in force in November is unchanged.
    const inForce = await november.priceLists.inForceOn('2028-11-15');
    expect(inForce!.items.find((i) => i.code === 'DASHBOARD_USER')!.unitPrice.toFixed(2)).toBe(
      '11.25',
    );

    await at('2029-01-01T06:00:00Z').statements.run('2028-12', null);
    const december = await statementOf(o, '2028-12');
    expect(totalsOf(december)[0]).toBe('17.25');

    // Scheduling again for the same month replaces that version (here: one more change).
    await at('2028-12-20T12:00:00Z').priceLists.schedule('2029-01', [
      { code: 'EXTERNAL', unitPrice: new MoneyDecimal('0.00') },
    ]);
    const versions = (await at('2028-12-20T12:00:00Z').priceLists.all()).filter(
      (v) => v.list.effectiveFrom === '2029-01-01',
    );
    expect(versions).toHaveLength(1);

    // A month that has started cannot be repriced.
    expect(
      await codeOf(
        at('2029-01-05T12:00:00Z').priceLists.schedule('2029-01', [
          { code: 'DASHBOARD_USER', unitPrice: new MoneyDecimal('99.00') },
        ]),
      ),
    ).toEqual(['PERIOD_NOT_IN_FUTURE', ['input', 'fromPeriod']]);

    await at('2029-02-01T06:00:00Z').statements.run('2029-01', null);
    const january = await statementOf(o, '2029-01');
    expect(linesOf(january).slice(1)).toEqual([
      ['DASHBOARD_USER', 1, '12.00', '12.00'],
      ['INTERNAL_1_25', 1, '5.50', '5.50'],
    ]);
    // December's statement is as it was.
    expect(await statementOf(o, '2028-12')).toEqual(december);
    const all = (await at('2029-02-01T06:00:00Z').statements.statementsOf([o])).get(o)!;
    expect(all.map((s) => s.period).slice(0, 2)).toEqual(['2029-01', '2028-12']);
  });

  test('events arriving out of order and twice give the same statement as once, in order', async () => {
    const build = (o: string) => {
      const [user, administration] = [randomUUID(), randomUUID()];
      return [
        e.officeCreated(o, '2025-11-01T10:00:00Z'),
        e.staffAdded(o, user, '2026-01-05T10:00:00Z'),
        e.administrationCreated(o, administration, '2026-01-05T10:00:00Z'),
        e.archived(o, administration, '2026-02-10T10:00:00Z'),
        e.unarchived(o, administration, '2026-02-20T10:00:00Z'),
        e.userDeactivated(o, user, '2026-02-14T10:00:00Z'),
      ];
    };
    const [inOrder, shuffled] = [randomUUID(), randomUUID()];
    await feed(build(inOrder));
    const late = build(shuffled).reverse();
    await feed(late);
    // pg-boss delivers at least once: a repeated delivery is recognised and changes nothing.
    for (const ev of late) expect(await deliver(dataSource, ev)).toBe(false);
    // Even the same change under a new event id (a republish) does not count twice.
    await feed([{ ...late[0]!, id: randomUUID() }]);

    await at('2026-03-01T06:00:00Z').statements.run('2026-02', null);
    const expected = await statementOf(inOrder, '2026-02');
    // User 1-14 (14 of 28 days): 5.625 -> 5.63; administration 1-10 and 20-28 (19): 4.0714 -> 4.07
    expect(linesOf(expected)).toEqual([
      ['DASHBOARD', 1, '0.00', '0.00'],
      ['DASHBOARD_USER', 1, '11.25', '5.63'],
      ['INTERNAL_1_25', 1, '6.00', '4.07'],
    ]);
    expect(totalsOf(expected)).toEqual(['9.70', '2.04', '11.74']);
    const actual = await statementOf(shuffled, '2026-02');
    expect([linesOf(actual), totalsOf(actual)]).toEqual([linesOf(expected), totalsOf(expected)]);
  });
});

describe('preview of the current month', () => {
  test('the month so far, from the 1st to today, on the days of the whole month', async () => {
    const o = await office('2026-09-01T10:00:00Z');
    await feed([e.administrationCreated(o, randomUUID(), '2026-09-02T10:00:00Z')]);
    const unknown = randomUUID();
    const previews = await at('2026-11-20T12:00:00Z').statements.preview([o, unknown]);
    const preview = previews.get(o)!;
    expect(preview).toMatchObject({
      period: '2026-11',
      from: '2026-11-01',
      to: '2026-11-20',
      issuedAt: null,
    });
    // 20 of 30 days: 11.25 -> 7.50, 6.00 -> 4.00
    expect(linesOf(preview)).toEqual([
      ['DASHBOARD', 1, '0.00', '0.00'],
      ['DASHBOARD_USER', 1, '11.25', '7.50'],
      ['INTERNAL_1_25', 1, '6.00', '4.00'],
    ]);
    // 11.50 x 21% = 2.415 -> 2.42
    expect(totalsOf(preview)).toEqual(['11.50', '2.42', '13.92']);
    // An office billing never heard of: nothing to pay.
    expect(linesOf(previews.get(unknown)!)).toEqual([]);
    // A preview writes nothing.
    const [{ n }] = await dataSource.query(
      `SELECT count(*) AS n FROM billing.statements WHERE period = '2026-11'`,
    );
    expect(Number(n)).toBe(0);
  });
});

describe('price quotes', () => {
  test('one more administration: the tier at the current volume, client modules, external free', async () => {
    const o = await office('2026-01-10T10:00:00Z');
    await feed(
      Array.from({ length: 25 }, () =>
        e.administrationCreated(o, randomUUID(), '2026-02-01T10:00:00Z'),
      ),
      true,
    );
    const quotes = at('2026-06-20T12:00:00Z').quotes;
    const brief = async (
      kind: 'INTERNAL' | 'INTERNAL_WITH_CLIENT_LOGIN' | 'EXTERNAL',
      modules: ('LEDGER' | 'INVOICING')[] = [],
      officeId = o,
    ) => {
      const q = (await quotes.quote(officeId, kind, modules))!;
      return [
        q.code,
        q.currentCount,
        q.monthlyPrice.toFixed(2),
        q.vat.toFixed(2),
        q.monthlyPriceInclVat.toFixed(2),
      ];
    };
    // The 26th internal administration falls in the second tier.
    expect(await brief('INTERNAL')).toEqual(['INTERNAL_26_100', 25, '4.50', '0.95', '5.45']);
    const fresh = await office('2026-01-10T10:00:00Z');
    expect(await brief('INTERNAL', [], fresh)).toEqual([
      'INTERNAL_1_25',
      0,
      '6.00',
      '1.26',
      '7.26',
    ]);
    expect(await brief('INTERNAL_WITH_CLIENT_LOGIN', ['LEDGER'])).toEqual([
      'CLIENT_LOGIN_LEDGER',
      0,
      '10.00',
      '2.10',
      '12.10',
    ]);
    expect(await brief('INTERNAL_WITH_CLIENT_LOGIN', ['INVOICING', 'LEDGER'])).toEqual([
      'CLIENT_LOGIN_LEDGER_INVOICING',
      0,
      '12.50',
      '2.63',
      '15.13',
    ]);
    expect(await brief('EXTERNAL')).toEqual(['EXTERNAL', 0, '0.00', '0.00', '0.00']);
    expect((await quotes.quote(o, 'INTERNAL', []))!.trialEndsAt).toBeNull();

    const trial = await office('2026-06-10T10:00:00Z');
    expect((await quotes.quote(trial, 'INTERNAL', []))!.trialEndsAt).toEqual(
      new Date('2026-07-10T10:00:00Z'),
    );
    await expect(quotes.quote(o, 'INTERNAL_WITH_CLIENT_LOGIN', [])).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(quotes.quote(o, 'INTERNAL', ['INVOICING'])).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
