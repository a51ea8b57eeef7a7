import { randomUUID } from 'node:crypto';
import {
  createDataSource,
  createLogger,
  handleOnce,
  type DomainEvent,
  type Subscription,
} from '@kantoor/platform';
import { createTestDatabase, type TestDatabase } from '@kantoor/platform/testing';
import type { DataSource } from 'typeorm';
import { billingSubgraph } from '../index';
import { usageSubscriptions } from '../modules/usage/usage.events';

const logger = createLogger('billing-test', 'silent');
const subscriptions = usageSubscriptions({ logger });

export function subscriptionFor(type: string): Subscription {
  const found = subscriptions.find((s) => s.event === type);
  if (!found) throw new Error(`billing does not consume ${type}`);
  return found;
}

/** A fresh database cloned from the migrated template, with billing's DataSource on it. */
export async function openBillingDatabase(): Promise<{
  dataSource: DataSource;
  close: () => Promise<void>;
}> {
  const db: TestDatabase = await createTestDatabase();
  const dataSource = createDataSource({
    url: db.url,
    schema: 'billing',
    entities: billingSubgraph.entities,
    migrations: [],
    poolSize: 4,
  });
  await dataSource.initialize();
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await db.drop();
    },
  };
}

export function event(
  type: string,
  occurredAt: string,
  payload: Record<string, unknown>,
): DomainEvent {
  return { id: randomUUID(), type, occurredAt: new Date(occurredAt).toISOString(), payload };
}

/** Delivers `e` to billing's consumer as pg-boss would; false when it was handled before. */
export function deliver(dataSource: DataSource, e: DomainEvent): Promise<boolean> {
  return handleOnce(dataSource, 'billing', subscriptionFor(e.type), e, logger);
}

const DAY_MS = 86_400_000;

/** Events of tenancy, as its services publish them. */
export const events = {
  officeCreated(officeId: string, at: string, trialDays = 30) {
    return event('office.created', at, {
      officeId,
      name: `Kantoor ${officeId.slice(0, 8)}`,
      trialEndsAt: new Date(new Date(at).getTime() + trialDays * DAY_MS).toISOString(),
    });
  },
  staffAdded(officeId: string, userId: string, at: string, officeRole = 'MEMBER') {
    return event('user.added', at, { userId, officeId, kind: 'STAFF', officeRole, active: true });
  },
  clientAdded(officeId: string, userId: string, at: string) {
    return event('user.added', at, {
      userId,
      officeId,
      kind: 'CLIENT',
      officeRole: null,
      active: true,
    });
  },
  userDeactivated(officeId: string, userId: string, at: string) {
    return event('user.deactivated', at, { userId, officeId, kind: 'STAFF', officeRole: 'MEMBER' });
  },
  administrationCreated(
    officeId: string | null,
    administrationId: string,
    at: string,
    kind = 'INTERNAL',
    clientModules: string[] = [],
  ) {
    return event(
      'administration.created',
      at,
      administrationPayload(officeId, administrationId, kind, clientModules),
    );
  },
  administrationUpdated(
    officeId: string,
    administrationId: string,
    at: string,
    kind: string,
    clientModules: string[],
  ) {
    return event(
      'administration.updated',
      at,
      administrationPayload(officeId, administrationId, kind, clientModules),
    );
  },
  archived(officeId: string, administrationId: string, at: string) {
    return event('administration.archived', at, { administrationId, officeId });
  },
  unarchived(officeId: string, administrationId: string, at: string) {
    return event('administration.unarchived', at, { administrationId, officeId });
  },
  linked(officeId: string, administrationId: string, at: string) {
    return event('administration.linked', at, { administrationId, officeId });
  },
  unlinked(officeId: string, administrationId: string, at: string) {
    return event('administration.unlinked', at, { administrationId, officeId });
  },
  suspended(officeId: string, at: string) {
    return event('office.suspended', at, { officeId, at, by: randomUUID() });
  },
  reinstated(officeId: string, at: string) {
    return event('office.reinstated', at, { officeId, at, by: randomUUID() });
  },
};

function administrationPayload(
  officeId: string | null,
  administrationId: string,
  kind: string,
  clientModules: string[],
) {
  return {
    administrationId,
    officeId,
    ownerUserId: null,
    name: `Administratie ${administrationId.slice(0, 8)}`,
    kind,
    modules:
      kind === 'EXTERNAL'
        ? ['LEDGER', 'INVOICING']
        : ['LEDGER', ...clientModules.filter((m) => m !== 'LEDGER')],
    clientModules,
    vatFilingPeriod: 'QUARTER',
  };
}

/** Lines of a statement as plain strings, for readable expectations. */
export function linesOf(statement: {
  lines: {
    code: string;
    quantity: number;
    unitPrice: { toFixed(n: number): string };
    amount: { toFixed(n: number): string };
  }[];
}): [string, number, string, string][] {
  return statement.lines.map((l) => [
    l.code,
    l.quantity,
    l.unitPrice.toFixed(2),
    l.amount.toFixed(2),
  ]);
}

export function totalsOf(statement: {
  totalExclVat: { toFixed(n: number): string };
  vat: { toFixed(n: number): string };
  totalInclVat: { toFixed(n: number): string };
}): [string, string, string] {
  return [
    statement.totalExclVat.toFixed(2),
    statement.vat.toFixed(2),
    statement.totalInclVat.toFixed(2),
  ];
}
