import { Client } from 'pg';
import {
  createLogger,
  runSubgraph,
  type SubgraphDefinition,
  type SubgraphRuntime,
} from '@kantoor/platform';
import { eventually, serverUrl, type TestSubgraph } from '@kantoor/platform/testing';
import { ALL_SUBGRAPHS } from '../scripts/subgraphs';
import type { Factories } from './factories';
import { startTestSystemWithFactories, type TestSystem } from './system';

/**
 * Issue 15's fault tests, through the real gateway: a subgraph stopped under load and started
 * again on its address, PostgreSQL cutting every connection of the database while entries
 * are posted, and an event handler that throws after it wrote. Progress is counted, never
 * timed: the waits below are readiness checks with a bound that only turns a hang into a
 * failure.
 */

// ---- (c)'s injected crash: the ledger's booking of finalized invoices ----------------------------

/** Administrations whose next invoice booking throws after it wrote (once each). */
const crashNext = new Set<string>();
/** Each run of the wrapped handler: its event, and whether its booking was written in it. */
const bookingRuns: { eventId: string; administrationId: string; wrote: boolean }[] = [];

/**
 * The real ledger subgraph with one change: its handler of "invoicing.document-finalized"
 * throws after the real handler wrote the booking, in the same transaction, for an
 * administration in `crashNext`; retries come after 1 s instead of 5 s.
 */
function withCrashingBooking(definition: SubgraphDefinition): SubgraphDefinition {
  if (definition.name !== 'ledger') return definition;
  return {
    ...definition,
    subscriptions: (runtime: SubgraphRuntime) =>
      (definition.subscriptions?.(runtime) ?? []).map((s) =>
        s.queue !== 'ledger.book-invoicing-document'
          ? s
          : {
              ...s,
              retryDelaySeconds: 1,
              handle: async (event, manager) => {
                await s.handle(event, manager);
                const p = event.payload as { administrationId: string; documentId: string };
                const written: unknown[] = await manager.query(
                  `SELECT 1 FROM ledger.invoicing_bookings
                    WHERE administration_id = $1 AND document_id = $2 AND status = 'BOOKED'`,
                  [p.administrationId, p.documentId],
                );
                bookingRuns.push({
                  eventId: event.id,
                  administrationId: p.administrationId,
                  wrote: written.length === 1,
                });
                if (crashNext.delete(p.administrationId))
                  throw new Error('injected: the handler crashed after writing');
              },
            },
      ),
  };
}

let system: TestSystem;
let make: Factories;
beforeAll(
  async () =>
    ({ system, make } = await startTestSystemWithFactories({
      wrap: withCrashingBooking,
      rateLimitInDatabase: true,
    })),
);
afterAll(() => system?.stop());

/** An office ADMIN's token and an administration with open books (ledger and invoicing). */
async function books(name: string) {
  const office = await make.office(`Storing ${name}`);
  const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
  const administration = await make.administration({
    officeId: office.id,
    name,
    modules: ['LEDGER', 'INVOICING'],
  });
  const token = await make.token(admin.id);
  await eventually(
    async () => {
      const rows = await system.subgraphs.ledger.runtime.dataSource.query(
        `SELECT 1 FROM ledger.accounts WHERE administration_id = $1 LIMIT 1`,
        [administration.id],
      );
      return rows.length > 0 ? true : undefined;
    },
    { what: 'books opened' },
  );
  return { token, administrationId: administration.id };
}

/** Polls an in-memory condition of the running load (a readiness check, bounded). */
function until(condition: () => boolean, what: string): Promise<true> {
  return eventually(async () => (condition() ? true : undefined), { what, timeoutMs: 30_000 });
}

type Answer = Awaited<ReturnType<TestSystem['query']>>;

/** An answer that is JSON from GraphQL: data, or errors that each carry a code. */
function isCleanGraphQL(r: Answer): boolean {
  if (r.data === undefined && r.errors === undefined) return false;
  return (r.errors ?? []).every((e) => typeof e.extensions?.code === 'string');
}

// ---- (a) a subgraph stopped under load -----------------------------------------------------------

/** Starts `old`'s subgraph again: same definition, configuration (secret) and port. */
async function restart(old: TestSubgraph, definition: SubgraphDefinition): Promise<TestSubgraph> {
  const running = await runSubgraph(definition, old.runtime.config, {
    port: old.port,
    logger: createLogger(definition.name, 'silent'),
    pollingIntervalSeconds: 0.5,
  });
  return { ...running, gatewaySecret: old.gatewaySecret, query: old.query };
}

test('invoicing stopped under load: other queries keep answering, spanning ones answer partially, and the same gateway answers fully after invoicing restarts on its address', async () => {
  const { token, administrationId } = await books('Onder last BV');
  const customer = await system.query<{ createCustomer: { customer: { id: string } } }>(
    `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`,
    { token, variables: { input: { administrationId, name: 'Klant onder last' } } },
  );
  expect(customer.errors).toBeUndefined();

  // Tenancy and ledger only; tenancy, ledger and invoicing.
  const OTHER = `query($id: ID!) { administration(id: $id) { name accounts { code } } }`;
  const SPANNING = `query($id: ID!) { administration(id: $id) { name accounts { code } customers { totalCount } } }`;
  type Phase = 'up' | 'stopping' | 'down' | 'starting' | 'again';
  let phase: Phase = 'up';
  /** An answer's phase: the one it started and ended in, else 'changing' (it saw a change). */
  const answers: { phase: Phase | 'changing'; spanning: boolean; r: Answer }[] = [];
  const count = (p: Phase | 'changing') => answers.filter((a) => a.phase === p).length;
  let running = true;
  const client = async (n: number) => {
    for (let i = 0; running; i++) {
      const spanning = (n + i) % 2 === 0;
      const started = phase;
      const r = await system.query(spanning ? SPANNING : OTHER, {
        token,
        variables: { id: administrationId },
      });
      answers.push({ phase: phase === started ? started : 'changing', spanning, r });
    }
  };
  const clients = Array.from({ length: 8 }, (_, n) => client(n));

  await until(() => count('up') >= 40, '40 answers before the stop');
  const old = system.subgraphs.invoicing;
  phase = 'stopping';
  await old.stop();
  phase = 'down';
  await until(() => count('down') >= 40, '40 answers while invoicing is down');
  phase = 'starting';
  const definition = ALL_SUBGRAPHS.find((d) => d.name === 'invoicing')!;
  system.subgraphs.invoicing = await restart(old, definition);
  expect(system.subgraphs.invoicing.url).toBe(old.url);
  phase = 'again';
  await until(() => count('again') >= 40, '40 answers after the restart');
  running = false;
  await Promise.all(clients);

  type Administration = {
    name?: string;
    accounts?: unknown[];
    customers?: { totalCount: number } | null;
  } | null;
  const administration = (r: Answer) =>
    ((r.data as { administration?: Administration } | null | undefined)?.administration ??
      null) as Administration;
  const accounts = (r: Answer) => (administration(r)?.accounts ?? []).length;
  const full = (a: (typeof answers)[number]) =>
    a.r.status === 200 &&
    a.r.errors === undefined &&
    accounts(a.r) > 0 &&
    (!a.spanning || administration(a.r)?.customers?.totalCount === 1);
  const partial = (a: (typeof answers)[number]) =>
    a.spanning &&
    a.r.status === 200 &&
    administration(a.r)?.name === 'Onder last BV' &&
    accounts(a.r) > 0 &&
    administration(a.r)?.customers === null &&
    (a.r.errors ?? []).length > 0 &&
    a.r.errors!.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE');

  const describe = (a: (typeof answers)[number]) =>
    `${a.phase} ${a.spanning ? 'spanning' : 'other'}: ${a.r.status} ${JSON.stringify(a.r.data)} ${JSON.stringify(a.r.errors)}`;
  // Every answer is GraphQL JSON; nothing of tenancy or the ledger is ever missing.
  expect(answers.filter((a) => !isCleanGraphQL(a.r) || accounts(a.r) === 0).map(describe)).toEqual(
    [],
  );
  // Before and after: everything, every time.
  expect(
    answers.filter((a) => (a.phase === 'up' || a.phase === 'again') && !full(a)).map(describe),
  ).toEqual([]);
  // While invoicing is down: the other queries in full, the spanning ones without customers.
  const down = answers.filter((a) => a.phase === 'down');
  expect(down.filter((a) => !a.spanning && !full(a)).map(describe)).toEqual([]);
  expect(down.filter((a) => a.spanning && !partial(a)).map(describe)).toEqual([]);
  expect(down.filter((a) => a.spanning).length).toBeGreaterThan(0);
  // Answers that saw the stop or the start, or came in between: one or the other.
  expect(
    answers
      .filter((a) => a.phase === 'stopping' || a.phase === 'starting' || a.phase === 'changing')
      .filter((a) => !full(a) && !partial(a))
      .map(describe),
  ).toEqual([]);
  console.log(
    `subgraph fault: ${answers.length} answers (${(['up', 'stopping', 'down', 'starting', 'again', 'changing'] as const).map((p) => `${p} ${count(p)}`).join(', ')}); partial while down: ${down.filter(partial).length}`,
  );
});

// ---- (b) PostgreSQL cuts every connection while entries are posted -------------------------------

/** pg_terminate_backend for every other connection to the test database: what a restart does to clients. */
async function cutConnections(): Promise<number> {
  const admin = new Client({ connectionString: system.db.url });
  await admin.connect();
  try {
    const rows = await admin.query(
      `SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return rows.rows.filter((r: { cut: boolean }) => r.cut).length;
  } finally {
    await admin.end();
  }
}

const POST = `mutation($input: PostJournalEntryInput!) {
  postJournalEntry(input: $input) { entry { id } userErrors { code } } }`;

test('connections cut while entries are posted: the requests in flight fail as GraphQL errors, later ones succeed, no entry is half-written, and a retry with its idempotency key books each once', async () => {
  const { token, administrationId } = await books('Herstart BV');
  const input = (key: string) => ({
    administrationId,
    date: '2026-03-10',
    description: `Storing ${key}`,
    idempotencyKey: key,
    lines: [
      { accountCode: '1000', debit: '10.00' },
      { accountCode: '8000', credit: '8.26' },
      { accountCode: '1500', credit: '1.74' },
    ],
  });
  type Outcome = { key: string; entryId: string | null; r: Answer };
  const outcomes: Outcome[] = [];
  const ok = () => outcomes.filter((o) => o.entryId).length;
  let running = true;
  const writer = async (w: number) => {
    let failedInARow = 0;
    for (let i = 0; running; i++) {
      const key = `fault-${w}-${i}`;
      const r = await system.query<{
        postJournalEntry: { entry: { id: string } | null; userErrors: { code: string }[] } | null;
      }>(POST, { token, variables: { input: input(key) } });
      const entryId = r.data?.postJournalEntry?.entry?.id ?? null;
      outcomes.push({ key, entryId, r });
      failedInARow = entryId ? 0 : failedInARow + 1;
      // The pools must recover: a writer failing on and on is a failure, not a wait.
      if (failedInARow > 25) throw new Error(`writer ${w}: 25 failures in a row`);
    }
  };
  const writers = Array.from({ length: 6 }, (_, w) => writer(w));

  let cut = 0;
  for (let round = 0; round < 3; round++) {
    const target = ok() + 10;
    await until(() => ok() >= target, `10 more entries before cut ${round + 1}`);
    cut += await cutConnections();
  }
  const afterCuts = outcomes.length;
  await until(
    () => outcomes.slice(afterCuts).filter((o) => o.entryId).length >= 30,
    '30 entries after the last cut',
  );
  running = false;
  await Promise.all(writers);

  const failed = outcomes.filter((o) => !o.entryId);
  console.log(
    `connection cuts: ${cut} connections cut in 3 rounds; ${outcomes.length} posts, ${failed.length} failed: ${[
      ...new Set(
        failed.map(
          (o) =>
            `${o.r.status} ${o.r.errors?.map((e) => `${String(e.extensions?.code)} "${e.message}"`).join(',')}`,
        ),
      ),
    ].join('; ')}`,
  );
  expect(cut).toBeGreaterThan(0);
  // A failure is a GraphQL error with a code (never an HTML page or a bare 500), and no
  // userError: the input was fine.
  expect(
    failed
      .filter((o) => !isCleanGraphQL(o.r) || (o.r.errors ?? []).length === 0 || o.r.status >= 500)
      .map((o) => `${o.key}: ${o.r.status} ${JSON.stringify(o.r.errors ?? o.r.data)}`),
  ).toEqual([]);
  // The last answers were all successes: the pools recovered.
  expect(outcomes.slice(-6).every((o) => o.entryId)).toBe(true);

  const ledger = system.subgraphs.ledger.runtime.dataSource;
  const entries = async () =>
    (await ledger.query(
      `SELECT e.id, e.idempotency_key AS key, count(l.*)::int AS lines,
              coalesce(sum(l.debit), 0)::text AS debit, coalesce(sum(l.credit), 0)::text AS credit
         FROM ledger.journal_entries e
         LEFT JOIN ledger.journal_entry_lines l
           ON l.administration_id = e.administration_id AND l.entry_id = e.id
        WHERE e.administration_id = $1
        GROUP BY e.id, e.idempotency_key`,
      [administrationId],
    )) as { id: string; key: string; lines: number; debit: string; credit: string }[];
  const written = await entries();
  // Every entry whole: its three lines, balanced.
  expect(
    written.filter((e) => e.lines !== 3 || e.debit !== '10.00' || e.credit !== '10.00'),
  ).toEqual([]);
  // Every success is there; besides them, at most the failed ones whose commit got through
  // before the connection was cut (the client cannot tell: it retries with its key).
  const ids = new Set(written.map((e) => e.id));
  expect(outcomes.filter((o) => o.entryId && !ids.has(o.entryId)).map((o) => o.key)).toEqual([]);
  expect(written.length).toBeGreaterThanOrEqual(ok());
  expect(written.length).toBeLessThanOrEqual(ok() + failed.length);
  console.log(`connection cuts: ${written.length - ok()} of the failed posts had committed`);
  expect(new Set(written.map((e) => e.key)).size).toBe(written.length);

  // The client's retry of each failed post, with the same key: booked once, never twice.
  for (const o of failed) {
    const r = await system.query<{
      postJournalEntry: { entry: { id: string } | null; userErrors: { code: string }[] };
    }>(POST, { token, variables: { input: input(o.key) } });
    expect([o.key, r.errors, r.data?.postJournalEntry.userErrors]).toEqual([o.key, undefined, []]);
  }
  const afterRetries = await entries();
  expect(afterRetries.length).toBe(outcomes.length);
  expect(new Set(afterRetries.map((e) => e.key))).toEqual(new Set(outcomes.map((o) => o.key)));

  // The event workers reconnected too: a new administration's books open.
  await books('Na de herstart BV').then(({ administrationId: id }) => expect(id).toBeTruthy());
});

test('a restart: while the database refuses connections, requests fail as GraphQL errors; then they succeed and every event listener is back', async () => {
  const { token, administrationId } = await books('Buiten dienst BV');
  const entry = (key: string) => ({
    administrationId,
    date: '2026-03-11',
    description: `Herstart ${key}`,
    idempotencyKey: key,
    lines: [
      { accountCode: '1000', debit: '5.00' },
      { accountCode: '8000', credit: '5.00' },
    ],
  });
  // From the server's maintenance database: the test database will refuse connections.
  const admin = new Client({ connectionString: serverUrl('postgres') });
  await admin.connect();
  const listeners = async () =>
    (
      await admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = $1 AND application_name = 'kantoor-events-listen'`,
        [system.db.name],
      )
    ).rows[0]!.n;
  // One LISTEN connection per subgraph's event bus.
  await eventually(async () => ((await listeners()) === ALL_SUBGRAPHS.length ? true : undefined), {
    what: 'every event listener connected',
  });
  const warnings = Object.values(system.subgraphs).map((s) => jest.spyOn(s.runtime.logger, 'warn'));
  const down: Answer[] = [];
  try {
    await admin.query(`ALTER DATABASE "${system.db.name}" ALLOW_CONNECTIONS false`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [
      system.db.name,
    ]);
    for (let i = 0; i < 5; i++)
      down.push(await system.query(POST, { token, variables: { input: entry(`down-${i}`) } }));
    // Each bus tried to listen again and was refused; it keeps trying.
    await until(
      () =>
        warnings.every((w) =>
          w.mock.calls.some((c) => c[1] === 'event listener not back yet; trying again'),
        ),
      'every event listener refused once',
    );
  } finally {
    await admin.query(`ALTER DATABASE "${system.db.name}" ALLOW_CONNECTIONS true`);
    for (const w of warnings) w.mockRestore();
  }
  expect(
    down
      .filter((r) => !isCleanGraphQL(r) || (r.errors ?? []).length === 0)
      .map((r) => `${r.status} ${JSON.stringify(r.errors ?? r.data)}`),
  ).toEqual([]);
  const after = await system.query<{ postJournalEntry: { entry: { id: string } | null } }>(POST, {
    token,
    variables: { input: entry('after') },
  });
  expect(after.errors).toBeUndefined();
  expect(after.data?.postJournalEntry.entry).not.toBeNull();
  await eventually(async () => ((await listeners()) === ALL_SUBGRAPHS.length ? true : undefined), {
    what: 'every event listener back',
    timeoutMs: 30_000,
  });
  await admin.end();
});

// ---- (c) an event handler crashes mid-transaction ---------------------------------------------

test('the ledger crashing after it booked a finalized invoice: rolled back, retried by the queue, booked exactly once', async () => {
  const { token, administrationId } = await books('Crash BV');
  const gql = async <D>(query: string, input: Record<string, unknown>) => {
    const r = await system.query<D>(query, { token, variables: { input } });
    expect(r.errors).toBeUndefined();
    return r.data!;
  };
  await gql(
    `mutation($input: UpdateInvoiceSettingsInput!) { updateInvoiceSettings(input: $input) { userErrors { code } } }`,
    {
      administrationId,
      name: 'Crash B.V.',
      street: 'Dorpsstraat 1',
      postalCode: '3511 AA',
      city: 'Utrecht',
      countryCode: 'NL',
      vatNumber: 'NL123456782B01',
      kvkNumber: '12345678',
      iban: 'NL91ABNA0417164300',
    },
  );
  const customer = await gql<{ createCustomer: { customer: { id: string } } }>(
    `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`,
    { administrationId, name: 'Klant' },
  );
  const draft = await gql<{ createInvoice: { invoice: { id: string } } }>(
    `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id } } }`,
    {
      administrationId,
      customerId: customer.createCustomer.customer.id,
      issueDate: '2026-03-02',
      lines: [{ description: 'Brood', quantity: '10', unitPrice: '1.00', vatCode: 'V21' }],
    },
  );
  const invoiceId = draft.createInvoice.invoice.id;
  crashNext.add(administrationId);
  const finalized = await gql<{ finalizeInvoice: { userErrors: unknown[] } }>(
    `mutation($input: FinalizeInvoiceInput!) { finalizeInvoice(input: $input) { userErrors { code } } }`,
    { administrationId, invoiceId },
  );
  expect(finalized.finalizeInvoice.userErrors).toEqual([]);

  const ledger = system.subgraphs.ledger.runtime.dataSource;
  const booking = await eventually(
    async () => {
      const [row] = await ledger.query(
        `SELECT status, entry_id FROM ledger.invoicing_bookings
          WHERE administration_id = $1 AND document_id = $2`,
        [administrationId, invoiceId],
      );
      return row?.status === 'BOOKED' ? (row as { entry_id: string }) : undefined;
    },
    { what: 'the booking after the retry' },
  );
  const runs = bookingRuns.filter((r) => r.administrationId === administrationId);
  // Two runs of one event: the first wrote its booking and threw, the second succeeded.
  expect(runs).toHaveLength(2);
  expect(new Set(runs.map((r) => r.eventId)).size).toBe(1);
  expect(runs.every((r) => r.wrote)).toBe(true);
  expect(crashNext.has(administrationId)).toBe(false);
  // The queue retried it (not a second delivery of its own accord): one job, completed
  // after one retry (completing follows the commit of the handler's transaction).
  const job = await eventually(
    async () => {
      const jobs: { state: string; retry_count: number }[] = await ledger.query(
        `SELECT state, retry_count FROM pgboss.job
          WHERE name = 'ledger.book-invoicing-document' AND data->'payload'->>'documentId' = $1`,
        [invoiceId],
      );
      return jobs.length === 1 && jobs[0]!.state === 'completed' ? jobs[0] : undefined;
    },
    { what: 'the delivery completed' },
  );
  expect(job.retry_count).toBe(1);
  // Exactly once: one booking, one entry for the invoice (its lines balanced), one
  // "ledger.entry-posted" for the VAT module (the crashed attempt's event rolled back with it).
  const entries = await ledger.query(
    `SELECT e.id, sum(l.debit)::text AS debit, sum(l.credit)::text AS credit
       FROM ledger.journal_entries e
       JOIN ledger.journal_entry_lines l ON l.administration_id = e.administration_id AND l.entry_id = e.id
      WHERE e.administration_id = $1 GROUP BY e.id`,
    [administrationId],
  );
  expect(entries).toEqual([{ id: booking.entry_id, debit: '12.10', credit: '12.10' }]);
  const posted = await ledger.query(
    `SELECT count(*)::int AS n FROM pgboss.job
      WHERE name = 'vat.entry-posted' AND data->'payload'->>'administrationId' = $1`,
    [administrationId],
  );
  expect(posted).toEqual([{ n: 1 }]);
  // Ops no longer see it failing.
  await eventually(async () => {
    const [row] = await ledger.query(
      `SELECT count(*)::int AS n FROM events.failed_delivery WHERE event->'payload'->>'documentId' = $1`,
      [invoiceId],
    );
    return row.n === 0 ? true : undefined;
  });
});
