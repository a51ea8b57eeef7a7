import 'reflect-metadata';
import { Client } from 'pg';
import { createInvoicingServices } from '@kantoor/invoicing';
import {
  GATEWAY_SECRET_HEADER,
  parseDecimal,
  signAccessToken,
  type Viewer,
} from '@kantoor/platform';
import { graphql, machine, startBenchSystem, throughput } from './bench-kit.js';

/**
 * `npm run bench:invoicing`: finalizations per second through the gateway, through the
 * subgraph directly, and through the service, next to the raw SQL floor of the same writes
 * (lock the draft, take the number from the counter row, update the invoice), all into one
 * administration (one numbering series, so they queue on its counter: the point of gap-free
 * numbering); and the time from finalizeInvoice returning to the ledger's booking being
 * committed (p50/p99), which includes the event delivery (pg-boss polling). Prints a Markdown
 * section for docs/benchmarks.md. DATABASE_URL selects a server instead of embedded PostgreSQL.
 */

const FINALIZATIONS = Number(process.env.BENCH_FINALIZATIONS ?? 300);
const LATENCY_SAMPLES = Number(process.env.BENCH_BOOKING_SAMPLES ?? 40);
const CONCURRENCY = 8;

const FINALIZE = `mutation($input: FinalizeInvoiceInput!) {
  finalizeInvoice(input: $input) { invoice { id number } userErrors { code message } }
}`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

async function main(): Promise<void> {
  const began = Date.now();
  const bench = await startBenchSystem('bench-invoicing');
  const { kantoor, db, databaseUrl, jwtSecret, secrets } = bench;
  try {
    const tenancy = await bench.runtime('tenancy');
    const invoicing = kantoor.subgraphs.find((s) => s.name === 'invoicing')!;
    const services = createInvoicingServices(await bench.runtime('invoicing'));
    const gatewayUrl = kantoor.gateway.url;

    const [office] = (
      await db.query(
        `INSERT INTO tenancy.offices (name) VALUES ('Benchmark Facturatie') RETURNING id`,
      )
    ).rows as { id: string }[];
    const [user] = (
      await db.query(
        `INSERT INTO tenancy.users (office_id, email, name, kind, office_role, password_hash)
         VALUES ($1, 'admin@bench-invoicing.test', 'Bench Admin', 'STAFF', 'ADMIN', 'x') RETURNING id`,
        [office!.id],
      )
    ).rows as { id: string }[];
    const { rows: sessions } = await db.query(
      `INSERT INTO tenancy.sessions (user_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING id`,
      [user!.id],
    );
    const token = await signAccessToken({ sub: user!.id, sid: sessions[0].id }, jwtSecret, 3600);
    const viewer: Viewer = {
      kind: 'user',
      userId: user!.id,
      userKind: 'STAFF',
      officeId: office!.id,
      officeRole: 'ADMIN',
      scope: null,
      sessionId: sessions[0].id,
      apiTokenId: null,
    };

    /** An administration with LEDGER and INVOICING, books open, sender details and one customer. */
    const administration = async (label: string) => {
      const id = await tenancy.dataSource.transaction(async (m) => {
        const [row] = (await m.query(
          `INSERT INTO tenancy.administrations (office_id, name, kind, modules) VALUES ($1, $2, 'INTERNAL', '{LEDGER,INVOICING}') RETURNING id`,
          [office!.id, label],
        )) as { id: string }[];
        await tenancy.events.publish(m, 'administration.created', {
          administrationId: row!.id,
          officeId: office!.id,
          kind: 'INTERNAL',
          modules: ['LEDGER', 'INVOICING'],
        });
        return row!.id;
      });
      for (let i = 0; i < 600; i++) {
        const { rows } = await db.query('SELECT 1 FROM ledger.books WHERE administration_id = $1', [
          id,
        ]);
        if (rows.length > 0) break;
        await new Promise((r) => setTimeout(r, 100)); // waiting for event delivery, not timing anything
      }
      await services.invoices.updateSettings(
        id,
        {
          administrationId: id,
          name: 'Bench B.V.',
          street: 'Dorpsstraat 1',
          postalCode: '3511 AA',
          city: 'Utrecht',
          countryCode: 'NL',
          vatNumber: 'NL123456782B01',
          kvkNumber: '12345678',
          iban: 'NL91ABNA0417164300',
        },
        { viewer },
      );
      const customer = await services.customers.create(
        id,
        { administrationId: id, name: 'Klant' },
        { viewer },
      );
      return { id, customerId: customer.id };
    };
    const drafts = async (adm: { id: string; customerId: string }, n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const d = await services.invoices.create(
          adm.id,
          {
            administrationId: adm.id,
            customerId: adm.customerId,
            issueDate: '2026-06-15',
            lines: [
              {
                description: 'Uren',
                quantity: parseDecimal('3.5')!,
                unitPrice: parseDecimal('87.50')!,
                vatCode: 'V21',
              },
              {
                description: 'Boek',
                quantity: parseDecimal('2')!,
                unitPrice: parseDecimal('19.95')!,
                vatCode: 'V9',
              },
            ],
          },
          { viewer },
        );
        ids.push(d.id);
      }
      return ids;
    };

    const run = async (
      label: string,
      fn: (adm: string, invoiceId: string, worker: number) => Promise<unknown>,
    ) => {
      const adm = await administration(`Bench ${label}`);
      const ids = await drafts(adm, FINALIZATIONS);
      const rate = await throughput(FINALIZATIONS, CONCURRENCY, (i, w) => fn(adm.id, ids[i]!, w));
      const { rows } = await db.query(
        `SELECT count(*)::int AS n, max(sequence) AS max FROM invoicing.invoices WHERE administration_id = $1 AND status = 'OPEN'`,
        [adm.id],
      );
      if (rows[0].n !== FINALIZATIONS || rows[0].max !== FINALIZATIONS)
        throw new Error(`${label}: numbering broken`);
      return rate;
    };

    // Finalize -> booked in the ledger, one at a time (idle system, before the throughput runs queue hundreds of bookings).
    const adm = await administration('Bench latency');
    const ids = await drafts(adm, LATENCY_SAMPLES);
    const latencies: number[] = [];
    for (const id of ids) {
      await graphql(gatewayUrl, FINALIZE, token, {
        input: { administrationId: adm.id, invoiceId: id },
      });
      const start = process.hrtime.bigint();
      for (;;) {
        const { rows } = await db.query(
          `SELECT 1 FROM ledger.invoicing_bookings WHERE administration_id = $1 AND document_id = $2 AND status = 'BOOKED'`,
          [adm.id, id],
        );
        if (rows.length > 0) break;
        await new Promise((r) => setTimeout(r, 5)); // polling for the booking: this is what is measured
      }
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    latencies.sort((a, b) => a - b);

    // The raw SQL floor: the same writes in one transaction per finalization.
    const clients = await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        const c = new Client({ connectionString: databaseUrl });
        await c.connect();
        return c;
      }),
    );
    const floor = await run('floor', async (adm, id, w) => {
      const c = clients[w]!;
      await c.query('BEGIN');
      await c.query(
        `SELECT id FROM invoicing.invoices WHERE administration_id = $1 AND id = $2 FOR UPDATE`,
        [adm, id],
      );
      const { rows } = await c.query(
        `INSERT INTO invoicing.number_series (administration_id, kind, year, last_number) VALUES ($1, 'INVOICE', 2026, 1)
         ON CONFLICT (administration_id, kind, year) DO UPDATE SET last_number = number_series.last_number + 1 RETURNING last_number`,
        [adm],
      );
      const seq = rows[0].last_number as number;
      await c.query(
        `UPDATE invoicing.invoices SET status = 'OPEN', number = $3, year = 2026, sequence = $4, due_date = issue_date + 30,
                sort_rank = 0, sort_no = 2026000000 + $4, finalized_at = now()
          WHERE administration_id = $1 AND id = $2`,
        [adm, id, `2026-${String(seq).padStart(4, '0')}`, seq],
      );
      await c.query('COMMIT');
    });
    await Promise.all(clients.map((c) => c.end()));
    const service = await run('service', (adm, id) =>
      services.finalize.finalize(adm, id, { viewer }),
    );
    const subgraph = await run('subgraph', (adm, id) =>
      graphql(
        invoicing.url,
        FINALIZE,
        token,
        { input: { administrationId: adm, invoiceId: id } },
        {
          [GATEWAY_SECRET_HEADER]: secrets.invoicing!,
        },
      ),
    );
    const gateway = await run('gateway', (adm, id) =>
      graphql(gatewayUrl, FINALIZE, token, { input: { administrationId: adm, invoiceId: id } }),
    );

    // The ledger's consumer working off the bookings the runs above queued.
    const drainStart = Date.now();
    const pending = async () =>
      Number(
        (
          await db.query(
            `SELECT count(*)::int AS n FROM invoicing.invoices i
              WHERE i.status = 'OPEN' AND i.finalized_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ledger.invoicing_bookings b
                WHERE b.administration_id = i.administration_id AND b.document_id = i.id AND b.status = 'BOOKED')`,
          )
        ).rows[0].n,
      );
    const queued = await pending();
    for (let left = queued; left > 0; left = await pending()) {
      if (Date.now() - drainStart > 600_000)
        throw new Error(`${left} bookings still pending after 10 minutes`);
      await new Promise((r) => setTimeout(r, 200)); // polling the backlog: this is what is measured
    }
    const drainSeconds = (Date.now() - drainStart) / 1000;
    const { rows: retried } = await db.query(
      `SELECT count(*)::int AS n FROM ledger.invoicing_bookings WHERE attempts > 1 OR status = 'FAILED'`,
    );

    const f = (n: number) => n.toFixed(0);
    const ratio = (n: number) => `${((n / floor) * 100).toFixed(0)}%`;
    console.log(`
### Invoicing (\`npm run bench:invoicing\`, ${new Date().toISOString().slice(0, 10)})

Machine: ${machine()}; ${bench.database}. ${FINALIZATIONS} finalizations per row, ${CONCURRENCY} concurrent clients, one administration (one numbering series).

| finalizeInvoice | per second | of the SQL floor |
|---|---:|---:|
| raw SQL floor (lock draft, counter upsert, update invoice) | ${f(floor)} | 100% |
| service (InvoiceFinalizeService.finalize, incl. permission re-check and the event) | ${f(service)} | ${ratio(service)} |
| subgraph directly (HTTP, shield) | ${f(subgraph)} | ${ratio(subgraph)} |
| through the gateway | ${f(gateway)} | ${ratio(gateway)} |

Finalize -> ledger booking committed (${LATENCY_SAMPLES} samples, one at a time): p50 ${latencies.length ? percentile(latencies, 0.5).toFixed(0) : '-'} ms, p99 ${latencies.length ? percentile(latencies, 0.99).toFixed(0) : '-'} ms.

The ledger's booking consumer worked off the ${queued} bookings (of the service, subgraph and gateway runs; the SQL floor publishes no event) still queued after the runs in ${drainSeconds.toFixed(0)} s (${(queued / Math.max(drainSeconds, 0.001)).toFixed(0)} bookings/s; ${retried[0].n} needed a retry).

Run took ${((Date.now() - began) / 1000).toFixed(0)} s.`);
  } finally {
    await bench.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
