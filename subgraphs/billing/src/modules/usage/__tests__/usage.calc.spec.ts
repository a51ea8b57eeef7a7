import { randomUUID } from 'node:crypto';
import { amsterdamDate } from '@kantoor/platform';
import { currentUsage, officeUsage, subjectTypeOf, type UsageFact } from '../usage.calc';

const OFFICE = randomUUID();
const OTHER = randomUUID();

function fact(type: string, at: string, payload: Record<string, unknown>): UsageFact {
  const subjectType = subjectTypeOf(type)!;
  const subjectId = (
    subjectType === 'OFFICE'
      ? payload.officeId
      : subjectType === 'USER'
        ? payload.userId
        : payload.administrationId
  ) as string;
  const occurredAt = new Date(at);
  return {
    eventId: randomUUID(),
    type,
    subjectType,
    subjectId,
    officeId: (payload.officeId as string | null) ?? null,
    occurredAt,
    occurredOn: amsterdamDate(occurredAt),
    payload,
  };
}

const staff = (userId: string, at: string, extra: Record<string, unknown> = {}) =>
  fact('user.added', at, {
    userId,
    officeId: OFFICE,
    kind: 'STAFF',
    officeRole: 'MEMBER',
    active: true,
    ...extra,
  });
const administration = (
  id: string,
  at: string,
  kind = 'INTERNAL',
  clientModules: string[] = [],
  officeId: string | null = OFFICE,
  type = 'administration.created',
) => fact(type, at, { administrationId: id, officeId, kind, clientModules, modules: ['LEDGER'] });

function usage(facts: UsageFact[], from = '2026-04-01', to = '2026-04-30') {
  const u = officeUsage(OFFICE, facts, from, to);
  return u.items
    .map((i) => [i.itemId, i.code, i.days, i.trialDays] as const)
    .sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
}

describe('usage history from events', () => {
  test('items count from the day they are added through the day they are removed', () => {
    const [u1, u2, a1] = [randomUUID(), randomUUID(), randomUUID()];
    const facts = [
      staff(u1, '2026-01-05T09:00:00Z'),
      staff(u2, '2026-04-16T09:00:00Z'),
      fact('user.deactivated', '2026-04-20T15:00:00Z', {
        userId: u1,
        officeId: OFFICE,
        kind: 'STAFF',
      }),
      administration(a1, '2026-03-01T09:00:00Z'),
      fact('administration.archived', '2026-04-10T09:00:00Z', {
        administrationId: a1,
        officeId: OFFICE,
      }),
    ];
    expect(usage(facts)).toEqual(
      [
        [u1, 'DASHBOARD_USER', 20, 0],
        [u2, 'DASHBOARD_USER', 15, 0],
        [a1, 'INTERNAL', 10, 0],
      ].sort((a, b) => (String(a[0]) + a[1] < String(b[0]) + b[1] ? -1 : 1)),
    );
  });

  test('the order of arrival does not matter, and repeating an event changes nothing', () => {
    const a1 = randomUUID();
    const created = administration(a1, '2026-04-01T08:00:00Z');
    const archived = fact('administration.archived', '2026-04-05T08:00:00Z', {
      administrationId: a1,
      officeId: OFFICE,
    });
    const unarchived = fact('administration.unarchived', '2026-04-21T08:00:00Z', {
      administrationId: a1,
      officeId: OFFICE,
    });
    const inOrder = usage([created, archived, unarchived]);
    expect(inOrder).toEqual([[a1, 'INTERNAL', 5 + 10, 0]]);
    expect(usage([unarchived, archived, created])).toEqual(inOrder);
    expect(usage([archived, unarchived, created, archived, unarchived])).toEqual(inOrder);
  });

  test('client users are not billed; a changed role keeps a staff member billed', () => {
    const [c, s] = [randomUUID(), randomUUID()];
    const facts = [
      fact('user.added', '2026-03-01T10:00:00Z', {
        userId: c,
        officeId: OFFICE,
        kind: 'CLIENT',
        officeRole: null,
        active: true,
      }),
      staff(s, '2026-03-01T10:00:00Z'),
      fact('user.changed', '2026-04-10T10:00:00Z', {
        userId: s,
        officeId: OFFICE,
        kind: 'STAFF',
        officeRole: 'ADMIN',
        active: true,
      }),
    ];
    expect(usage(facts)).toEqual([[s, 'DASHBOARD_USER', 30, 0]]);
  });

  test('a change of client modules bills the day by the last form of that day', () => {
    const a = randomUUID();
    const facts = [
      administration(a, '2026-03-01T10:00:00Z', 'INTERNAL_WITH_CLIENT_LOGIN', ['INVOICING']),
      administration(
        a,
        '2026-04-16T10:00:00Z',
        'INTERNAL_WITH_CLIENT_LOGIN',
        ['LEDGER', 'INVOICING'],
        OFFICE,
        'administration.updated',
      ),
    ];
    expect(usage(facts)).toEqual([
      [a, 'CLIENT_LOGIN_INVOICING', 15, 0],
      [a, 'CLIENT_LOGIN_LEDGER_INVOICING', 15, 0],
    ]);
  });

  test('an own subscription is free and billed to nobody until it is linked; EXTERNAL while linked', () => {
    const a = randomUUID();
    const facts = [
      administration(a, '2026-03-01T10:00:00Z', 'EXTERNAL', [], null),
      fact('administration.linked', '2026-04-11T10:00:00Z', {
        administrationId: a,
        officeId: OFFICE,
      }),
      fact('administration.unlinked', '2026-04-20T10:00:00Z', {
        administrationId: a,
        officeId: OFFICE,
      }),
    ];
    expect(usage(facts)).toEqual([[a, 'EXTERNAL', 10, 0]]);
    // Linked to another office later: that office's, not this one's.
    const relinked = fact('administration.linked', '2026-04-25T10:00:00Z', {
      administrationId: a,
      officeId: OTHER,
    });
    expect(usage([...facts, relinked])).toEqual([[a, 'EXTERNAL', 10, 0]]);
    expect(officeUsage(OTHER, [...facts, relinked], '2026-04-01', '2026-04-30').items).toEqual([
      { itemId: a, code: 'EXTERNAL', days: 6, trialDays: 0 },
    ]);
  });

  test('a suspended office is billed for the days up to and including its suspension', () => {
    const u = randomUUID();
    const facts = [
      staff(u, '2026-01-01T10:00:00Z'),
      fact('office.suspended', '2026-04-11T10:00:00Z', { officeId: OFFICE }),
      fact('office.reinstated', '2026-04-21T10:00:00Z', { officeId: OFFICE }),
    ];
    // 1-11 and 21-30
    expect(usage(facts)).toEqual([[u, 'DASHBOARD_USER', 21, 0]]);
    // Suspended and reinstated the same day: that day counts.
    const sameDay = [
      staff(u, '2026-01-01T10:00:00Z'),
      fact('office.suspended', '2026-04-11T10:00:00Z', { officeId: OFFICE }),
      fact('office.reinstated', '2026-04-11T12:00:00Z', { officeId: OFFICE }),
    ];
    expect(usage(sameDay)).toEqual([[u, 'DASHBOARD_USER', 30, 0]]);
  });

  test('trial days run from the day the office was created to the day before trialEndsAt', () => {
    const u = randomUUID();
    const facts = [
      fact('office.created', '2026-03-17T10:00:00Z', {
        officeId: OFFICE,
        trialEndsAt: '2026-04-16T10:00:00Z',
      }),
      staff(u, '2026-03-17T10:00:00Z'),
    ];
    const april = officeUsage(OFFICE, facts, '2026-04-01', '2026-04-30');
    expect(april.items).toEqual([{ itemId: u, code: 'DASHBOARD_USER', days: 30, trialDays: 15 }]);
    expect(april.trialDays).toBe(15);
    expect(april.trialEndDay).toBe('2026-04-16');
    const march = officeUsage(OFFICE, facts, '2026-03-01', '2026-03-31');
    expect(march.items).toEqual([{ itemId: u, code: 'DASHBOARD_USER', days: 15, trialDays: 15 }]);
    expect(march.trialDays).toBe(15);
  });

  test('days are Dutch calendar days', () => {
    const u = randomUUID();
    // 22:30 UTC on 31 March is 00:30 on 1 April in Amsterdam (summer time).
    const facts = [staff(u, '2026-03-31T22:30:00Z')];
    expect(officeUsage(OFFICE, facts, '2026-03-01', '2026-03-31').items).toEqual([]);
    expect(usage(facts)).toEqual([[u, 'DASHBOARD_USER', 30, 0]]);
  });

  test('what the office has at an instant (for quotes)', () => {
    const [a1, a2, a3] = [randomUUID(), randomUUID(), randomUUID()];
    const facts = [
      fact('office.created', '2026-04-01T10:00:00Z', {
        officeId: OFFICE,
        trialEndsAt: '2026-05-01T10:00:00Z',
      }),
      administration(a1, '2026-04-02T10:00:00Z'),
      administration(a2, '2026-04-02T10:00:00Z'),
      fact('administration.archived', '2026-04-03T10:00:00Z', {
        administrationId: a2,
        officeId: OFFICE,
      }),
      administration(a3, '2026-04-09T10:00:00Z', 'INTERNAL_WITH_CLIENT_LOGIN', ['LEDGER']),
    ];
    const now = currentUsage(OFFICE, facts, new Date('2026-04-05T00:00:00Z'));
    expect(now.forms).toEqual([{ officeId: OFFICE, code: 'INTERNAL' }]);
    expect(now.trialEndsAt).toBe('2026-05-01T10:00:00Z');
    expect(currentUsage(OFFICE, facts, new Date('2026-04-10T00:00:00Z')).forms).toHaveLength(2);
  });
});
