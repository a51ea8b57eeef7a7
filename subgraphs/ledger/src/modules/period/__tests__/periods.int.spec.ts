import { eventually } from '@kantoor/platform/testing';
import {
  countRows,
  makeBooks,
  post,
  simpleLines,
  startLedgerKit,
  userWith,
  type Books,
  type LedgerKit,
  type UserErrorData,
} from '../../../__tests__/ledger-kit';

let kit: LedgerKit;

beforeAll(async () => {
  kit = await startLedgerKit();
});
afterAll(async () => {
  await kit?.stop();
});

const LOCK = `mutation($input: LockPeriodInput!) {
  lockPeriod(input: $input) { lockedPeriod { id from to source reason } userErrors { field message code } }
}`;
const UNLOCK = `mutation($input: UnlockPeriodInput!) {
  unlockPeriod(input: $input) { unlockedPeriod { id from to } userErrors { field message code } }
}`;
const PERIODS = `query($id: ID!) { administration(id: $id) {
  lockedPeriods { id from to source reason }
  periodLockLog { action from to source reason userId }
} }`;

interface LockedPeriodData {
  id: string;
  from: string;
  to: string;
  source: string;
  reason: string | null;
}
interface LockData {
  lockPeriod: { lockedPeriod: LockedPeriodData | null; userErrors: UserErrorData[] };
}
interface UnlockData {
  unlockPeriod: { unlockedPeriod: { id: string } | null; userErrors: UserErrorData[] };
}
interface PeriodsData {
  administration: {
    lockedPeriods: LockedPeriodData[] | null;
    periodLockLog:
      | {
          action: string;
          from: string;
          to: string;
          source: string;
          reason: string | null;
          userId: string | null;
        }[]
      | null;
  };
}

const codes = (errors: UserErrorData[]) => errors.map((e) => [e.code, e.field]);

describe('lockPeriod / unlockPeriod (ADMINISTRATION_MANAGE)', () => {
  let b: Books;
  beforeAll(async () => {
    b = await makeBooks(kit);
  });
  const lock = (input: Record<string, unknown>, token = b.adminToken) =>
    kit.gql<LockData>(token, LOCK, { input: { administrationId: b.administrationId, ...input } });
  const unlock = (input: Record<string, unknown>, token = b.adminToken) =>
    kit.gql<UnlockData>(token, UNLOCK, {
      input: { administrationId: b.administrationId, ...input },
    });

  test('locks a period: postings into it are refused, outside it booked; idempotent; audit-logged', async () => {
    const r = await lock({ from: '2026-01-01', to: '2026-03-31', reason: 'Q1 afgesloten' });
    expect(r.data!.lockPeriod.userErrors).toEqual([]);
    const locked = r.data!.lockPeriod.lockedPeriod!;
    expect(locked).toMatchObject({
      from: '2026-01-01',
      to: '2026-03-31',
      source: 'USER',
      reason: 'Q1 afgesloten',
    });
    const again = await lock({ from: '2026-01-01', to: '2026-03-31' });
    expect(again.data!.lockPeriod.lockedPeriod!.id).toBe(locked.id);

    const inside = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      date: '2026-02-15',
      lines: simpleLines('1.00'),
    });
    expect(codes(inside.userErrors)).toEqual([['PERIOD_LOCKED', ['input', 'date']]]);
    const outside = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      date: '2026-04-01',
      lines: simpleLines('1.00'),
    });
    expect(outside.userErrors).toEqual([]);

    const periods = await kit.gql<PeriodsData>(b.adminToken, PERIODS, { id: b.administrationId });
    expect(periods.data!.administration.lockedPeriods).toEqual([locked]);
    expect(periods.data!.administration.periodLockLog).toEqual([
      {
        action: 'LOCK',
        from: '2026-01-01',
        to: '2026-03-31',
        source: 'USER',
        reason: 'Q1 afgesloten',
        userId: b.adminId,
      },
    ]);
  });

  test('unlock needs a reason (REASON_REQUIRED), is audit-logged, and lets postings in again', async () => {
    const locked = (await lock({ from: '2026-05-01', to: '2026-05-31' })).data!.lockPeriod
      .lockedPeriod!;
    const noReason = await unlock({ lockedPeriodId: locked.id, reason: '  ' });
    expect(codes(noReason.data!.unlockPeriod.userErrors)).toEqual([
      ['REASON_REQUIRED', ['input', 'reason']],
    ]);
    const ok = await unlock({ lockedPeriodId: locked.id, reason: 'Correctie inkoopfactuur' });
    expect(ok.data!.unlockPeriod).toEqual({
      unlockedPeriod: { id: locked.id, from: '2026-05-01', to: '2026-05-31' },
      userErrors: [],
    });
    const posted = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      date: '2026-05-10',
      lines: simpleLines('1.00'),
    });
    expect(posted.userErrors).toEqual([]);
    const log = (await kit.gql<PeriodsData>(b.adminToken, PERIODS, { id: b.administrationId }))
      .data!.administration.periodLockLog!;
    expect(log[0]).toEqual({
      action: 'UNLOCK',
      from: '2026-05-01',
      to: '2026-05-31',
      source: 'USER',
      reason: 'Correctie inkoopfactuur',
      userId: b.adminId,
    });
    expect(
      codes(
        (await unlock({ lockedPeriodId: locked.id, reason: 'x' })).data!.unlockPeriod.userErrors,
      ),
    ).toEqual([['PERIOD_NOT_FOUND', ['input', 'lockedPeriodId']]]);
    // The audit log is append-only.
    await expect(
      kit.ledgerDb.query(`DELETE FROM ledger.period_lock_audit WHERE administration_id = $1`, [
        b.administrationId,
      ]),
    ).rejects.toThrow(/append-only/);
  });

  test('bad periods: INVALID_DATE, INVALID_PERIOD; nothing locked', async () => {
    const before = await countRows(kit, 'locked_periods', b.administrationId);
    expect(
      codes((await lock({ from: '2026-02-30', to: '2026-03-31' })).data!.lockPeriod.userErrors),
    ).toEqual([['INVALID_DATE', ['input', 'from']]]);
    expect(
      codes((await lock({ from: '2026-04-01', to: '2026-03-31' })).data!.lockPeriod.userErrors),
    ).toEqual([['INVALID_PERIOD', ['input', 'to']]]);
    expect(
      codes(
        (await lock({ from: '2026-04-01', to: '2026-04-30', reason: 'x'.repeat(501) })).data!
          .lockPeriod.userErrors,
      ),
    ).toEqual([['TEXT_TOO_LONG', ['input', 'reason']]]);
    expect(await countRows(kit, 'locked_periods', b.administrationId)).toBe(before);
  });

  test('a viewer with LEDGER_WRITE but not ADMINISTRATION_MANAGE gets FORBIDDEN; nothing changes', async () => {
    const writer = await userWith(kit, b, ['LEDGER_READ', 'LEDGER_WRITE']);
    const before = await countRows(kit, 'locked_periods', b.administrationId);
    const r = await lock({ from: '2026-09-01', to: '2026-09-30' }, writer);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [first] = await kit.ledgerDb.query(
      `SELECT id FROM ledger.locked_periods WHERE administration_id = $1`,
      [b.administrationId],
    );
    const u = await unlock({ lockedPeriodId: first.id, reason: 'x' }, writer);
    expect(u.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await countRows(kit, 'locked_periods', b.administrationId)).toBe(before);
    // LEDGER_READ sees the locked periods, not the audit log.
    const seen = await kit.gql<PeriodsData>(writer, PERIODS, { id: b.administrationId });
    expect(seen.data!.administration.lockedPeriods!.length).toBe(before);
    expect(seen.data!.administration.periodLockLog).toBeNull();
    expect(seen.errors?.map((e) => [e.path?.at(-1), e.extensions?.code])).toEqual([
      ['periodLockLog', 'FORBIDDEN'],
    ]);
  });
});

describe('a lock and a post that race', () => {
  test('a posting that waits on a lock in progress sees it and is refused with PERIOD_LOCKED', async () => {
    const b = await makeBooks(kit);
    // A lockPeriod in progress, held open: it holds the books row FOR UPDATE and has
    // inserted the lock, not yet committed.
    const runner = kit.ledgerDb.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`SELECT 1 FROM ledger.books WHERE administration_id = $1 FOR UPDATE`, [
        b.administrationId,
      ]);
      await runner.query(
        `INSERT INTO ledger.locked_periods (administration_id, start_date, end_date, source) VALUES ($1, '2026-06-01', '2026-06-30', 'USER')`,
        [b.administrationId],
      );
      const pending = post(kit, b.adminToken, {
        administrationId: b.administrationId,
        date: '2026-06-15',
        lines: simpleLines('9.00'),
      });
      // Readiness check: the posting is waiting for the books row lock.
      await eventually(
        async () => {
          const [row] = await kit.ledgerDb.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%ledger%books%'`,
          );
          return row.n > 0 ? true : undefined;
        },
        { what: 'the posting to wait for the lock' },
      );
      await runner.commitTransaction();
      const r = await pending;
      expect(codes(r.userErrors)).toEqual([['PERIOD_LOCKED', ['input', 'date']]]);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await countRows(kit, 'journal_entries', b.administrationId)).toBe(0);
  });

  test('a lock waits for a posting in flight (which commits first) and then holds', async () => {
    const b = await makeBooks(kit);
    const runner = kit.ledgerDb.createQueryRunner();
    await runner.connect();
    try {
      // A posting in flight holds the books row FOR SHARE.
      await runner.startTransaction();
      await runner.query(`SELECT 1 FROM ledger.books WHERE administration_id = $1 FOR SHARE`, [
        b.administrationId,
      ]);
      const pending = kit.gql<LockData>(b.adminToken, LOCK, {
        input: { administrationId: b.administrationId, from: '2026-07-01', to: '2026-07-31' },
      });
      await eventually(
        async () => {
          const [row] = await kit.ledgerDb.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%ledger%books%'`,
          );
          return row.n > 0 ? true : undefined;
        },
        { what: 'the lock to wait for the posting' },
      );
      expect(await countRows(kit, 'locked_periods', b.administrationId)).toBe(0);
      await runner.commitTransaction();
      expect((await pending).data!.lockPeriod.userErrors).toEqual([]);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    const after = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      date: '2026-07-31',
      lines: simpleLines('1.00'),
    });
    expect(codes(after.userErrors)).toEqual([['PERIOD_LOCKED', ['input', 'date']]]);
  });
});

describe("the VAT module's 'vat.period-filed' locks the period", () => {
  test('locked once, even when the event arrives twice; audit-logged with source VAT_FILING', async () => {
    const b = await makeBooks(kit);
    const payload = {
      administrationId: b.administrationId,
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
    };
    const ids = [
      await kit.publish('vat.period-filed', payload),
      await kit.publish('vat.period-filed', payload),
    ];
    const periods = await eventually(
      async () => {
        const r = await kit.gql<PeriodsData>(b.adminToken, PERIODS, { id: b.administrationId });
        const log = r.data!.administration.periodLockLog!;
        const handled = await kit.ledgerDb.query(
          `SELECT 1 FROM ledger.processed_events WHERE event_id = ANY($1::uuid[])`,
          [ids],
        );
        return log.length > 0 && handled.length === 2 ? r.data!.administration : undefined;
      },
      { what: 'the ledger to lock the filed period' },
    );
    expect(periods.lockedPeriods).toEqual([
      expect.objectContaining({ from: '2026-01-01', to: '2026-03-31', source: 'VAT_FILING' }),
    ]);
    expect(periods.periodLockLog).toEqual([
      {
        action: 'LOCK',
        from: '2026-01-01',
        to: '2026-03-31',
        source: 'VAT_FILING',
        reason: 'VAT return filed',
        userId: null,
      },
    ]);
    const r = await post(kit, b.adminToken, {
      administrationId: b.administrationId,
      date: '2026-03-31',
      lines: simpleLines('1.00'),
    });
    expect(codes(r.userErrors)).toEqual([['PERIOD_LOCKED', ['input', 'date']]]);
  });

  test('a period locked by the VAT filing cannot be unlocked through the ledger, not even by the office ADMIN (issue 13 item 13)', async () => {
    const b = await makeBooks(kit);
    const eventId = await kit.publish('vat.period-filed', {
      administrationId: b.administrationId,
      periodStart: '2026-04-01',
      periodEnd: '2026-06-30',
    });
    const locked = await eventually(
      async () => {
        const handled = await kit.ledgerDb.query(
          `SELECT 1 FROM ledger.processed_events WHERE event_id = $1`,
          [eventId],
        );
        if (handled.length === 0) return undefined;
        const r = await kit.gql<PeriodsData>(b.adminToken, PERIODS, { id: b.administrationId });
        return r.data!.administration.lockedPeriods![0];
      },
      { what: 'the ledger to lock the filed period' },
    );
    const r = await kit.gql<UnlockData>(b.adminToken, UNLOCK, {
      input: { administrationId: b.administrationId, lockedPeriodId: locked.id, reason: 'oeps' },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.unlockPeriod.unlockedPeriod).toBeNull();
    expect(codes(r.data!.unlockPeriod.userErrors)).toEqual([
      ['PERIOD_LOCKED_BY_VAT_FILING', ['input', 'lockedPeriodId']],
    ]);
    const after = await kit.gql<PeriodsData>(b.adminToken, PERIODS, { id: b.administrationId });
    expect(after.data!.administration.lockedPeriods).toEqual([locked]);
    expect(after.data!.administration.periodLockLog!.map((e) => e.action)).toEqual(['LOCK']);
  });

  test('an administration without books, or a malformed payload, is skipped', async () => {
    const eventId = await kit.publish('vat.period-filed', {
      administrationId: '00000000-0000-4000-8000-000000000001',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
    });
    const bad = await kit.publish('vat.period-filed', {
      administrationId: 'x',
      periodStart: '2026-02-30',
      periodEnd: '',
    });
    await eventually(
      async () => {
        const rows = await kit.ledgerDb.query(
          `SELECT 1 FROM ledger.processed_events WHERE event_id = ANY($1::uuid[])`,
          [[eventId, bad]],
        );
        return rows.length === 2 ? true : undefined;
      },
      { what: 'both events to be handled' },
    );
    const [row] = await kit.ledgerDb.query(
      `SELECT count(*)::int AS n FROM ledger.locked_periods WHERE administration_id = '00000000-0000-4000-8000-000000000001'`,
    );
    expect(row.n).toBe(0);
  });
});
