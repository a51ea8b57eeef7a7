import 'reflect-metadata';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { GATEWAY_SECRET_HEADER, SUBGRAPH_NAMES } from '@kantoor/platform';
import {
  graphql,
  machine,
  seedDashboardOffice,
  sessionToken,
  startBenchSystem,
} from './bench-kit.js';
import { freePort } from './run-system.js';

/**
 * `npm run bench:gateways`: throughput of our gateway against Hive Gateway (npm
 * @graphql-hive/gateway) serving the same checked-in supergraph against the same subgraphs
 * with the same secret headers, each gateway in a process of its own, under autocannon at 8
 * connections on the loopback interface. Runs alternate between the gateways (round-robin,
 * BENCH_ROUNDS rounds of BENCH_SECONDS each), every response is checked for errors, and each
 * gateway process's CPU time per request is read from /proc. Prints Markdown for
 * docs/benchmarks.md.
 *
 * Scenarios: the dashboard page (first 100 administrations of an office with their module
 * statuses, plus `me`) refreshed by 8 connections with one token (identical concurrent
 * requests: what in-flight deduplication can share) and with 8 different sessions (nothing
 * to share), and `me` alone.
 */

const ADMINISTRATIONS = Number(process.env.BENCH_ADMINISTRATIONS ?? 5000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 8;
const ROOT = resolve(__dirname, '..', '..');

const DASHBOARD = `query Dashboard {
  me { id name }
  administrations(first: 100) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id name kind
      openActions { draftEntries unprocessedBankTransactions bankBalanceDifferences draftInvoices overdueInvoices vatReturnsToFile total updatedAt }
      ledgerStatus { draftEntries unprocessedBankTransactions bankBalanceDifferences lastBookingDate }
      invoicingStatus { draftInvoices openInvoices overdueInvoices outstandingAmount }
      vatStatus { openReturns overdueReturns }
    } }
  }
}`;
const ME = `query Me { me { id name email } }`;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  duration: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

/** User + system CPU seconds a process has used so far (Linux /proc). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat(5); fields[] starts at field 3.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Target {
  label: string;
  url: string;
  pid: number;
}

/** Hive Gateway in a process of its own, configured by a generated config file. */
async function startHive(
  label: string,
  dir: string,
  subgraphs: { name: string; url: string }[],
  secrets: Record<string, string>,
  dedupe: boolean,
): Promise<{ target: Target; stop(): Promise<void> }> {
  const port = await freePort();
  const entries: Record<string, unknown> = {};
  for (const s of subgraphs) {
    entries[s.name] = {
      location: s.url,
      headers: [[GATEWAY_SECRET_HEADER, secrets[s.name]]],
      ...(dedupe ? {} : { options: { deduplicateInflightRequests: false } }),
    };
  }
  const configPath = join(dir, `${label.replace(/\W+/g, '-')}.config.mjs`);
  writeFileSync(
    configPath,
    `export const gatewayConfig = {
  supergraph: ${JSON.stringify(join(ROOT, 'schema', 'supergraph.graphql'))},
  transportEntries: ${JSON.stringify(entries)},
  // The caller's token goes to every subgraph, as our gateway forwards it.
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
  },
  logging: 'error',
  graphiql: false,
  landingPage: false,
};
`,
  );
  const bin = join(
    dirname(require.resolve('@graphql-hive/gateway/package.json')),
    'dist',
    'bin.js',
  );
  const child: ChildProcess = spawn(
    process.execPath,
    [bin, 'supergraph', join(ROOT, 'schema', 'supergraph.graphql'), '-c', configPath],
    {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', FORK: '1' },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; ; i++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthcheck`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600 || child.exitCode !== null) throw new Error(`${label} did not start`);
    await new Promise((r) => setTimeout(r, 100)); // start-up poll, not a measurement
  }
  return {
    target: { label, url, pid: child.pid! },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  requests: number;
}

/** One autocannon run against `target`; throws if any response was not a clean answer. */
async function load(
  target: Target,
  query: string,
  tokens: string[],
  expect: (data: Record<string, unknown>) => boolean,
  seconds = SECONDS,
): Promise<Run> {
  let bad = 0;
  let firstBad = '';
  let connection = 0;
  const body = JSON.stringify({ query });
  const cpuBefore = cpuSeconds(target.pid);
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    // A loaded machine answers slowly; a slow answer is measured, not dropped.
    timeout: 60,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` },
    body,
    setupClient: (client: { setHeaders(h: Record<string, string>): void }) => {
      const token = tokens[connection++ % tokens.length]!;
      client.setHeaders({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
    },
    verifyBody: (text: string) => {
      try {
        const parsed = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown };
        if (!parsed.errors && parsed.data && expect(parsed.data)) return true;
      } catch {
        // not JSON
      }
      bad++;
      if (!firstBad) firstBad = text.slice(0, 300);
      return false;
    },
  });
  const cpu = cpuSeconds(target.pid) - cpuBefore;
  if (bad || result.errors || result.timeouts || result.non2xx || result.mismatches) {
    throw new Error(
      `${target.label}: ${bad} bad answers, ${result.errors} errors, ${result.timeouts} timeouts, ` +
        `${result.non2xx} non-2xx; first: ${firstBad}`,
    );
  }
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMsPerRequest: (cpu * 1000) / result.requests.total,
    requests: result.requests.total,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const began = Date.now();
  // The subgraphs and our gateway each in a process of their own.
  const bench = await startBenchSystem('bench-gateways', 'processes');
  const dir = mkdtempSync(join(tmpdir(), 'kantoor-hive-'));
  const hives: { stop(): Promise<void> }[] = [];
  try {
    const { kantoor, db, jwtSecret, secrets } = bench;
    const { adminId } = await seedDashboardOffice(db, ADMINISTRATIONS);
    const oneToken = [await sessionToken(db, adminId, jwtSecret)];
    const eightTokens = [oneToken[0]!];
    while (eightTokens.length < CONNECTIONS) {
      eightTokens.push(await sessionToken(db, adminId, jwtSecret));
    }
    const subgraphs = kantoor.subgraphs.map((s) => ({ name: s.name, url: s.url }));
    if (subgraphs.length !== SUBGRAPH_NAMES.length) throw new Error('not every subgraph runs');

    const hiveDefault = await startHive('Hive Gateway (defaults)', dir, subgraphs, secrets, true);
    hives.push(hiveDefault);
    const hiveNoDedupe = await startHive(
      'Hive Gateway (dedupe off)',
      dir,
      subgraphs,
      secrets,
      false,
    );
    hives.push(hiveNoDedupe);
    const targets: Target[] = [
      { label: 'Kantoor gateway', url: kantoor.gateway.url, pid: kantoor.gateway.pid! },
      hiveDefault.target,
      hiveNoDedupe.target,
    ];
    // Issue 18 asks for the dashboard's throughput both ways: the same system with every
    // subgraph and the gateway in one process (KANTOOR_IN_PROCESS=true), in a child of its own
    // on the same database. Its CPU per request is the whole system's, not a gateway's.
    if (process.env.BENCH_IN_PROCESS !== '0') {
      const child = fork(join(__dirname, 'kantoor-in-process-child.js'), {
        env: {
          ...process.env,
          KANTOOR_CHILD_OPTIONS: JSON.stringify({
            databaseUrl: bench.databaseUrl,
            jwtSecret,
            secrets,
            env: { KANTOOR_RATE_LIMIT_POINTS: '0', KANTOOR_SUBGRAPH_TIMEOUT_MS: '60000' },
          }),
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const url = await new Promise<string>((resolveUrl, reject) => {
        child.once('message', (m) => resolveUrl((m as { url: string }).url));
        child.once('exit', (code) => reject(new Error(`in-process Kantoor exited (${code})`)));
      });
      hives.push({
        stop: async () => {
          child.disconnect();
          await new Promise((r) => child.once('exit', r));
        },
      });
      targets.push({ label: 'Kantoor, all in one process', url, pid: child.pid! });
    }

    const isDashboard = (data: Record<string, unknown>) => {
      const page = data.administrations as { edges?: unknown[] } | undefined;
      return Boolean(data.me) && page?.edges?.length === 100;
    };
    // Same answers from every gateway before anything is measured.
    const reference = JSON.stringify(await graphql(targets[0]!.url, DASHBOARD, oneToken[0]!));
    for (const t of targets) {
      const started = Date.now();
      const answer = JSON.stringify(await graphql(t.url, DASHBOARD, oneToken[0]!));
      if (answer !== reference) {
        throw new Error(`${t.label} answers differently: ${answer.slice(0, 300)}`);
      }
      console.error(`${t.label}: one dashboard page in ${Date.now() - started} ms`);
    }

    const scenarios = [
      {
        label: 'dashboard page, 8 connections, one token (identical refreshes)',
        query: DASHBOARD,
        tokens: oneToken,
        expect: isDashboard,
      },
      {
        label: 'dashboard page, 8 connections, 8 sessions',
        query: DASHBOARD,
        tokens: eightTokens,
        expect: isDashboard,
      },
      {
        label: '`me`, 8 connections, 8 sessions',
        query: ME,
        tokens: eightTokens,
        expect: (d: Record<string, unknown>) => Boolean(d.me),
      },
    ];
    const results = new Map<string, Run[]>();
    for (const scenario of scenarios) {
      // Warm-up of every gateway (query plans, connections, JIT), not recorded.
      for (const t of targets) {
        await load(t, scenario.query, scenario.tokens, scenario.expect, 3);
      }
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate the order per round so no gateway always runs first.
        const order = round % 2 === 0 ? targets : [...targets].reverse();
        for (const t of order) {
          // Let the previous run's abandoned requests finish first (a pause, not a measurement).
          await new Promise((r) => setTimeout(r, 3000));
          const run = await load(t, scenario.query, scenario.tokens, scenario.expect);
          const key = `${scenario.label}|${t.label}`;
          results.set(key, [...(results.get(key) ?? []), run]);
          console.error(
            `${scenario.label} | ${t.label}: ${run.rps.toFixed(0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, ${run.cpuMsPerRequest.toFixed(2)} ms CPU/req`,
          );
        }
      }
    }

    console.log(`\n## Gateways under load (${new Date().toISOString().slice(0, 16)} UTC)\n`);
    console.log(
      `Machine: ${machine()}, ${bench.database}. \`npm run bench:gateways\`: ${ADMINISTRATIONS.toLocaleString('en')} administrations, ` +
        `autocannon ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS}s per gateway and scenario after a warm-up run ` +
        `(medians of the rounds); subgraphs, our gateway and each Hive Gateway in processes of their own; ` +
        `"Kantoor, all in one process" is the same system with its subgraphs and gateway in one process (its CPU per request is the whole system's); ` +
        `every response checked for errors. Total run ${((Date.now() - began) / 1000).toFixed(0)}s.\n`,
    );
    console.log(
      '| scenario | gateway | req/s | p50 ms | p99 ms | gateway CPU ms/req | ours / this |',
    );
    console.log('|---|---|---:|---:|---:|---:|---:|');
    for (const scenario of scenarios) {
      const ours = median(results.get(`${scenario.label}|${targets[0]!.label}`)!.map((r) => r.rps));
      for (const t of targets) {
        const runs = results.get(`${scenario.label}|${t.label}`)!;
        const rps = median(runs.map((r) => r.rps));
        console.log(
          `| ${scenario.label} | ${t.label} | ${rps.toFixed(1)} | ${median(runs.map((r) => r.p50)).toFixed(0)} | ` +
            `${median(runs.map((r) => r.p99)).toFixed(0)} | ${median(runs.map((r) => r.cpuMsPerRequest)).toFixed(2)} | ` +
            `${t === targets[0] ? '-' : `${(ours / rps).toFixed(2)}x`} |`,
        );
      }
    }
  } finally {
    for (const h of hives) await h.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
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
