import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createLedgerServices } from '@kantoor/ledger';
import {
  GATEWAY_SECRET_HEADER,
  MoneyDecimal,
  parseDecimal,
  roundCents,
  signAccessToken,
} from '@kantoor/platform';
import {
  graphql,
  machine,
  measure,
  startBenchSystem,
  throughput,
  type Stats,
} from './bench-kit.js';

/**
 * `npm run bench:ledger`: the ledger's posting throughput (through the gateway, directly
 * through the service, and the raw SQL floor of the same writes) and the trial balance over
 * an administration with 1,000,000 lines against the raw SQL GROUP BY on the same data.
 * Prints a Markdown section for docs/benchmarks.md. DATABASE_URL selects a server instead
 * of the embedded PostgreSQL.
 */

const POSTS = Number(process.env.BENCH_POSTS ?? 1000);
const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const TB_ITERATIONS = Number(process.env.BENCH_TB_ITERATIONS ?? 10);
const LINES_PER_ENTRY = 4;
/** BENCH_LEDGER_PART=posting: the posting rows only (no 1,000,000-line trial balance). */
const POSTING_ONLY = process.env.BENCH_LEDGER_PART === 'posting';
/** BENCH_LEDGER_CLIENTS=1: the one-client posting row only (e.g. for a CPU profile). */
const ONE_CLIENT_ONLY = process.env.BENCH_LEDGER_CLIENTS === '1';

const POST = `mutation($input: PostJournalEntryInput!) {
  postJournalEntry(input: $input) { entry { id number } userErrors { code field message } }
}`;

/** A V21 sale: debtors gross, turnover net; the ledger adds the VAT line (21%, cents half up). */
function sale(i: number) {
  const netAmount = new MoneyDecimal(100 + (i % 900)).plus(
    new MoneyDecimal(i % 100).dividedBy(100),
  );
  const vat = roundCents(netAmount.times(21).dividedBy(100));
  const net = netAmount.toFixed(2);
  const gross = netAmount.plus(vat).toFixed(2);
  return {
    vat: vat.toFixed(2),
    date: `2026-${String((i % 12) + 1).padStart(2, '0')}-15`,
    description: `Bench verkoop ${i}`,
    lines: [
      { accountCode: '1300', debit: gross },
      { accountCode: '8000', credit: net, vatCode: 'V21' },
    ],
  };
}

async function main(): Promise<void> {
  const began = Date.now();
  const bench = await startBenchSystem('bench-ledger');
  const { kantoor, db, databaseUrl, jwtSecret, secrets } = bench;
  try {
    const tenancy = await bench.runtime('tenancy');
    const ledger = await bench.runtime('ledger');
    const services = createLedgerServices(ledger);
    const gatewayUrl = kantoor.gateway.url;
    const ledgerUrl = kantoor.subgraphs.find((s) => s.name === 'ledger')!.url;
    const asGateway = { [GATEWAY_SECRET_HEADER]: secrets.ledger! };

    const [office] = (
      await db.query(`INSERT INTO tenancy.offices (name) VALUES ('Benchmark Ledger') RETURNING id`)
    ).rows as { id: string }[];
    const [user] = (
      await db.query(
        `INSERT INTO tenancy.users (office_id, email, name, kind, office_role, password_hash)
         VALUES ($1, 'admin@bench-ledger.test', 'Bench Admin', 'STAFF', 'ADMIN', 'x') RETURNING id`,
        [office!.id],
      )
    ).rows as { id: string }[];
    const { rows: sessions } = await db.query(
      `INSERT INTO tenancy.sessions (user_id, expires_at) VALUES ($1, now() + interval '1 day') RETURNING id`,
      [user!.id],
    );
    const token = await signAccessToken({ sub: user!.id, sid: sessions[0].id }, jwtSecret, 3600);

    /** An administration created the way tenancy does it; waits until the ledger opened the books. */
    const administration = async (label: string): Promise<string> => {
      const id = await tenancy.dataSource.transaction(async (manager) => {
        const [row] = (await manager.query(
          `INSERT INTO tenancy.administrations (office_id, name, kind, modules) VALUES ($1, $2, 'INTERNAL', '{LEDGER}') RETURNING id`,
          [office!.id, label],
        )) as { id: string }[];
        await tenancy.events.publish(manager, 'administration.created', {
          administrationId: row!.id,
          officeId: office!.id,
          kind: 'INTERNAL',
          modules: ['LEDGER'],
        });
        return row!.id;
      });
      for (let i = 0; i < 600; i++) {
        const { rows } = await db.query('SELECT 1 FROM ledger.books WHERE administration_id = $1', [
          id,
        ]);
        if (rows.length > 0) return id;
        await new Promise((r) => setTimeout(r, 100)); // waiting for event delivery, not timing anything
      }
      throw new Error('the ledger did not open the books');
    };

    // ------------------------------------------------------------ posting throughput
    const postVia = {
      gateway: (administrationId: string) => async (i: number) => {
        const { vat: _vat, ...entry } = sale(i);
        const data = (await graphql(gatewayUrl, POST, token, {
          input: { administrationId, ...entry },
        })) as { postJournalEntry: { userErrors: unknown[] } };
        if (data.postJournalEntry.userErrors.length) {
          throw new Error(JSON.stringify(data.postJournalEntry.userErrors));
        }
      },
      subgraph: (administrationId: string) => async (i: number) => {
        const { vat: _vat, ...entry } = sale(i);
        const data = (await graphql(
          ledgerUrl,
          POST,
          token,
          { input: { administrationId, ...entry } },
          asGateway,
        )) as { postJournalEntry: { userErrors: unknown[] } };
        if (data.postJournalEntry.userErrors.length) {
          throw new Error(JSON.stringify(data.postJournalEntry.userErrors));
        }
      },
      service: (administrationId: string) => async (i: number) => {
        const { vat: _vat, ...s } = sale(i);
        await services.entries.post(
          administrationId,
          {
            ...s,
            lines: s.lines.map((l) => ({
              ...l,
              debit: l.debit ? parseDecimal(l.debit) : undefined,
              credit: l.credit ? parseDecimal(l.credit) : undefined,
            })),
          },
          user!.id,
        );
      },
    };
    // The raw SQL floor: the same rows (counter, entry, three lines), one transaction each.
    const refs = new Map<string, { journal: string; accounts: Map<string, string> }>();
    const refsOf = async (administrationId: string) => {
      let r = refs.get(administrationId);
      if (!r) {
        const { rows: acc } = await db.query(
          `SELECT id, code FROM ledger.accounts WHERE administration_id = $1 AND code IN ('1300', '8000', '1500')`,
          [administrationId],
        );
        const { rows: jr } = await db.query(
          `SELECT id FROM ledger.journals WHERE administration_id = $1 AND code = 'MEM'`,
          [administrationId],
        );
        r = {
          journal: jr[0].id as string,
          accounts: new Map((acc as { id: string; code: string }[]).map((a) => [a.code, a.id])),
        };
        refs.set(administrationId, r);
      }
      return r;
    };
    const floorPost = async (administrationId: string, client: Client, i: number) => {
      const { journal, accounts: acc } = await refsOf(administrationId);
      const s = sale(i);
      await client.query('BEGIN');
      const { rows } = await client.query(
        `INSERT INTO ledger.fiscal_years (administration_id, year, start_date, end_date, last_number)
         VALUES ($1, 2026, '2026-01-01', '2026-12-31', 1)
         ON CONFLICT (administration_id, year) DO UPDATE SET last_number = ledger.fiscal_years.last_number + 1
         RETURNING last_number`,
        [administrationId],
      );
      const seq = rows[0].last_number as number;
      const id = randomUUID();
      await client.query(
        `INSERT INTO ledger.journal_entries (id, administration_id, journal_id, fiscal_year, sequence, number, entry_date, description)
         VALUES ($1, $2, $3, 2026, $4, $5, $6, $7)`,
        [
          id,
          administrationId,
          journal,
          seq,
          `2026-${String(seq).padStart(6, '0')}`,
          s.date,
          s.description,
        ],
      );
      await client.query(
        `INSERT INTO ledger.journal_entry_lines (administration_id, entry_id, line_no, kind, account_id, debit, credit, vat_code, entry_date, entry_sequence)
         VALUES ($1, $2, 1, 'ENTERED', $3, $6, 0, NULL, $9, $10),
                ($1, $2, 2, 'ENTERED', $4, 0, $7, 'V21', $9, $10),
                ($1, $2, 3, 'VAT_DUE', $5, 0, $8, 'V21', $9, $10)`,
        [
          administrationId,
          id,
          acc.get('1300'),
          acc.get('8000'),
          acc.get('1500'),
          s.lines[0]!.debit,
          s.lines[1]!.credit,
          s.vat,
          s.date,
          seq,
        ],
      );
      await client.query('COMMIT');
    };

    const concurrency = 8;
    const posting: [string, number, number][] = [];
    const floorClients = await Promise.all(
      Array.from({ length: concurrency }, async () => {
        const c = new Client({ connectionString: databaseUrl });
        await c.connect();
        return c;
      }),
    );
    try {
      for (const [label, workers, perWorkerBooks] of [
        ['1 client, one administration', 1, false],
        [`${concurrency} clients, one administration`, concurrency, false],
        [`${concurrency} clients, one administration each`, concurrency, true],
      ].slice(0, ONE_CLIENT_ONLY ? 1 : 3) as [string, number, boolean][]) {
        const targets = async () => {
          const count = perWorkerBooks ? workers : 1;
          const ids: string[] = [];
          for (let i = 0; i < count; i++) {
            const id = await administration(`Bench ${randomUUID().slice(0, 8)}`);
            await refsOf(id); // before the workers start: `db` is one connection
            ids.push(id);
          }
          return (worker: number) => ids[perWorkerBooks ? worker : 0]!;
        };
        const floorTargets = await targets();
        const floor = await throughput(POSTS, workers, (i, w) =>
          floorPost(floorTargets(w), floorClients[w]!, i),
        );
        const serviceTargets = await targets();
        const service = await throughput(POSTS, workers, (i, w) =>
          postVia.service(serviceTargets(w))(i),
        );
        const gatewayTargets = await targets();
        const gateway = await throughput(POSTS, workers, (i, w) =>
          postVia.gateway(gatewayTargets(w))(i),
        );
        const subgraphTargets = await targets();
        const subgraph = await throughput(POSTS, workers, (i, w) =>
          postVia.subgraph(subgraphTargets(w))(i),
        );
        posting.push([`postJournalEntry through the gateway, ${label}`, gateway, floor]);
        posting.push([
          `postJournalEntry on the ledger subgraph directly, ${label}`,
          subgraph,
          floor,
        ]);
        posting.push([`EntryService.post directly, ${label}`, service, floor]);
      }
    } finally {
      await Promise.all(floorClients.map((c) => c.end()));
    }

    const printPosting = () => {
      console.log(`\n## Ledger posting (${new Date().toISOString().slice(0, 16)} UTC)\n`);
      console.log(
        `Machine: ${machine()}, ${bench.database}, services ${kantoor.mode}. ${POSTS.toLocaleString('en')} postings per row.\n`,
      );
      console.log(
        '| operation | entries/s | raw SQL floor entries/s | ratio (floor / operation) |',
      );
      console.log('|---|---:|---:|---:|');
      for (const [label, rate, floor] of posting) {
        console.log(
          `| ${label} | ${rate.toFixed(0)} | ${floor.toFixed(0)} | ${(floor / rate).toFixed(1)}x |`,
        );
      }
    };
    if (POSTING_ONLY) {
      printPosting();
      return;
    }

    // ------------------------------------------------------------ 1,000,000 lines
    const big = await administration('Bench 1M regels');
    const generateStart = Date.now();
    const entries = Math.ceil(LINES / LINES_PER_ENTRY);
    const { rows: accounts } = await db.query(
      `SELECT id FROM ledger.accounts WHERE administration_id = $1 AND code ~ '^[0-9]{4}$' ORDER BY code`,
      [big],
    );
    const accountIds = (accounts as { id: string }[]).map((a) => a.id);
    const [journal] = (
      await db.query(
        `SELECT id FROM ledger.journals WHERE administration_id = $1 AND code = 'MEM'`,
        [big],
      )
    ).rows as { id: string }[];
    await db.query(
      `INSERT INTO ledger.fiscal_years (administration_id, year, start_date, end_date, last_number)
       VALUES ($1, 2026, '2026-01-01', '2026-12-31', $2)`,
      [big, entries],
    );
    const chunk = 50_000;
    for (let from = 1; from <= entries; from += chunk) {
      const to = Math.min(entries, from + chunk - 1);
      await db.query('BEGIN');
      await db.query(
        `INSERT INTO ledger.journal_entries (id, administration_id, journal_id, fiscal_year, sequence, number, entry_date, description)
         SELECT gen_random_uuid(), $1, $2, 2026, g, '2026-' || lpad(g::text, 6, '0'),
                date '2026-01-01' + (g % 365), 'Gegenereerd ' || g
           FROM generate_series($3::int, $4::int) g`,
        [big, journal!.id, from, to],
      );
      // Four lines per entry: two debits, two credits of the same two amounts, on accounts
      // spread over the chart; one statement per chunk (the balance trigger checks it).
      await db.query(
        `INSERT INTO ledger.journal_entry_lines
           (administration_id, entry_id, line_no, kind, account_id, debit, credit, entry_date, entry_sequence)
         SELECT e.administration_id, e.id, k, 'ENTERED',
                ($4::uuid[])[1 + ((e.sequence::bigint * 7 + k * 13) % cardinality($4::uuid[]))],
                CASE WHEN k <= 2 THEN amt.v[1 + (k - 1) % 2] ELSE 0 END,
                CASE WHEN k > 2 THEN amt.v[1 + (k - 3) % 2] ELSE 0 END,
                e.entry_date, e.sequence
           FROM ledger.journal_entries e
          CROSS JOIN LATERAL (SELECT ARRAY[((e.sequence::bigint * 7919) % 100000 + 1)::numeric / 100,
                                           ((e.sequence::bigint * 104729) % 50000 + 1)::numeric / 100] AS v) amt
          CROSS JOIN generate_series(1, 4) k
          WHERE e.administration_id = $1 AND e.fiscal_year = 2026 AND e.sequence BETWEEN $2 AND $3`,
        [big, from, to, accountIds],
      );
      await db.query('COMMIT');
    }
    await db.query('VACUUM ANALYZE ledger.journal_entry_lines');
    await db.query('VACUUM ANALYZE ledger.journal_entries');
    const generateSeconds = (Date.now() - generateStart) / 1000;
    const lineCount = (
      (
        await db.query(
          `SELECT count(*)::int AS n FROM ledger.journal_entry_lines WHERE administration_id = $1`,
          [big],
        )
      ).rows as { n: number }[]
    )[0]!.n;

    const TB = `query($id: ID!, $from: Date!, $to: Date!) { administration(id: $id) {
      trialBalance(from: $from, to: $to) { totalDebit totalCredit rows { account { code name } debit credit balance } } } }`;
    const TB_ENTITIES = `query($reps: [_Any!]!, $from: Date!, $to: Date!) { _entities(representations: $reps) {
      ... on Administration { trialBalance(from: $from, to: $to) { totalDebit totalCredit rows { account { code name } debit credit balance } } } } }`;
    const reports: [string, Stats, Stats][] = [];
    for (const [label, from, to] of [
      [`full year (${lineCount.toLocaleString('en')} lines)`, '2026-01-01', '2026-12-31'],
      [
        `one month (~${Math.round(lineCount / 12).toLocaleString('en')} lines)`,
        '2026-03-01',
        '2026-03-31',
      ],
    ] as const) {
      const floor = await measure(
        () =>
          db.query(
            `SELECT account_id, sum(debit) AS debit, sum(credit) AS credit
               FROM ledger.journal_entry_lines
              WHERE administration_id = $1 AND entry_date BETWEEN $2 AND $3
              GROUP BY account_id`,
            [big, from, to],
          ),
        TB_ITERATIONS,
      );
      const viaGateway = await measure(async () => {
        const data = (await graphql(gatewayUrl, TB, token, { id: big, from, to })) as {
          administration: { trialBalance: { totalDebit: string; totalCredit: string } };
        };
        const tb = data.administration.trialBalance;
        if (tb.totalDebit !== tb.totalCredit) throw new Error('trial balance does not balance');
      }, TB_ITERATIONS);
      const viaSubgraph = await measure(
        () =>
          graphql(
            ledgerUrl,
            TB_ENTITIES,
            token,
            { reps: [{ __typename: 'Administration', id: big }], from, to },
            asGateway,
          ),
        TB_ITERATIONS,
      );
      const direct = await measure(
        () => services.reports.trialBalance(big, from, to),
        TB_ITERATIONS,
      );
      reports.push([`trialBalance ${label}: gateway`, viaGateway, floor]);
      reports.push([
        `trialBalance ${label}: ledger subgraph directly (_entities)`,
        viaSubgraph,
        floor,
      ]);
      reports.push([`trialBalance ${label}: ReportService directly`, direct, floor]);
    }

    const fmt = (n: number) => n.toFixed(1);
    console.log(`\n## Ledger (${new Date().toISOString().slice(0, 10)})\n`);
    console.log(
      `Machine: ${machine()}, ${bench.database}. \`npm run bench:ledger\`, total run ${((Date.now() - began) / 1000).toFixed(0)}s.\n`,
    );
    console.log(
      `Posting: ${POSTS.toLocaleString('en')} V21 sales per row (2 lines entered, the ledger adds the VAT line), ` +
        `each its own transaction with a consecutive number. The floor is the same rows written with plain SQL ` +
        `(counter upsert, entry, three lines) on as many connections, one transaction each. Postings into ` +
        `one administration serialize on its counter row by design (no gaps, no duplicates).\n`,
    );
    console.log('| operation | entries/s | raw SQL floor entries/s | ratio (floor / operation) |');
    console.log('|---|---:|---:|---:|');
    for (const [label, rate, floor] of posting) {
      console.log(
        `| ${label} | ${rate.toFixed(0)} | ${floor.toFixed(0)} | ${(floor / rate).toFixed(1)}x |`,
      );
    }
    console.log(
      `\nTrial balance: one administration with ${lineCount.toLocaleString('en')} posted lines ` +
        `(${entries.toLocaleString('en')} entries over 2026, ${accountIds.length} accounts), generated with SQL ` +
        `generate_series in ${generateSeconds.toFixed(0)}s and VACUUM ANALYZEd. The floor is the raw ` +
        `\`SELECT account_id, sum(debit), sum(credit) ... GROUP BY account_id\` on one connection. ` +
        `${TB_ITERATIONS} iterations after 2 warm-up, sequential.\n`,
    );
    console.log('| operation | p50 ms | p95 ms | mean ms | raw SQL floor p50 ms | ratio (p50) |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [label, s, f] of reports) {
      console.log(
        `| ${label} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.mean)} | ${fmt(f.p50)} | ${(s.p50 / f.p50).toFixed(2)}x |`,
      );
    }
  } finally {
    await bench.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
