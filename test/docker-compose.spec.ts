import { parse } from 'yaml';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

/**
 * Static checks of the container set-up (docker-compose.yml, Dockerfile, .env.example):
 * no Docker engine needed, so wiring mistakes surface in `npm test`.
 */

const root = join(__dirname, '..');

const SUBGRAPHS = [
  { name: 'tenancy', port: 4001 },
  { name: 'ledger', port: 4002 },
  { name: 'invoicing', port: 4003 },
  { name: 'vat', port: 4004 },
  { name: 'billing', port: 4005 },
] as const;
const GATEWAY_PORT = 4000;

type Scalar = string | number | boolean | null;
interface Service {
  build?: string | { context?: string; dockerfile?: string };
  image?: string;
  command?: string | string[];
  environment?: Record<string, Scalar> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  ports?: (string | number | { target?: number; published?: string | number })[];
  container_name?: string;
  restart?: string;
}
interface ComposeFile {
  services?: Record<string, Service>;
}

function readText(relativePath: string): string {
  return readFileSync(join(root, relativePath), 'utf8');
}

const composeText = readText('docker-compose.yml');
const compose = parse(composeText, { merge: true }) as ComposeFile;

function service(name: string): Service {
  const found = compose.services?.[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/** The environment as a map, whichever of the two compose syntaxes is used. */
function environmentOf(s: Service): Record<string, string | null> {
  const env = s.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf('=');
        return at === -1 ? [entry, null] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value === null ? null : String(value)]),
  );
}

/** Service name -> condition (compose's short list form means service_started). */
function dependenciesOf(s: Service): Record<string, string> {
  const deps = s.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(
    Object.entries(deps).map(([name, dep]) => [name, dep?.condition ?? 'service_started']),
  );
}

function commandOf(s: Service): string[] {
  const command = s.command ?? [];
  return Array.isArray(command) ? command : command.trim().split(/\s+/);
}

function buildContextOf(s: Service): string | undefined {
  return typeof s.build === 'string' ? s.build : s.build?.context;
}

/** Published ports as "host:container". */
function publishedPortsOf(s: Service): string[] {
  return (s.ports ?? []).map((p) =>
    typeof p === 'object' ? `${p.published ?? ''}:${p.target ?? ''}` : String(p),
  );
}

function healthcheckCommandOf(s: Service): string {
  const test = s.healthcheck?.test ?? [];
  return Array.isArray(test) ? test.join(' ') : test;
}

/** `${NAME:?message}`: compose refuses to run while NAME is unset or empty. */
function requiredVariable(value: string | null | undefined): string | undefined {
  return /^\$\{([A-Z][A-Z0-9_]*):\?[^}]*\}$/.exec(value ?? '')?.[1];
}

const rootPackage = JSON.parse(readText('package.json')) as { workspaces?: string[] };
const workspaces = rootPackage.workspaces ?? [];

describe('docker-compose.yml', () => {
  it('parses and declares postgres, the five subgraphs and the gateway', () => {
    expect(Object.keys(compose.services ?? {})).toEqual(
      expect.arrayContaining(['postgres', ...SUBGRAPHS.map((s) => s.name), 'gateway']),
    );
  });

  describe('postgres', () => {
    const postgres = service('postgres');
    const env = environmentOf(postgres);

    it('runs PostgreSQL 17 with the kantoor user and database on a named volume', () => {
      expect(postgres.image).toBe('postgres:17');
      expect(env).toMatchObject({ POSTGRES_USER: 'kantoor', POSTGRES_DB: 'kantoor' });
      expect(env.POSTGRES_PASSWORD).toBeTruthy();
      expect(composeText).toMatch(/^volumes:\s*\n\s+[\w-]+:/m);
    });

    it('has a pg_isready healthcheck and publishes no port', () => {
      expect(healthcheckCommandOf(postgres)).toContain('pg_isready -U kantoor -d kantoor');
      expect(postgres.healthcheck?.disable).not.toBe(true);
      expect(publishedPortsOf(postgres)).toEqual([]);
    });
  });

  describe.each(SUBGRAPHS)('subgraph $name', ({ name, port }) => {
    const subgraph = service(name);
    const env = environmentOf(subgraph);

    it('is built from the repository and runs its compiled entry point with node', () => {
      expect(buildContextOf(subgraph)).toBe('.');
      expect(commandOf(subgraph)).toEqual(['node', `subgraphs/${name}/dist/main.js`]);
    });

    it('reaches the postgres service through DATABASE_URL', () => {
      const postgresEnv = environmentOf(service('postgres'));
      const url = new URL(env.DATABASE_URL ?? '');
      expect(url.protocol).toMatch(/^postgres(ql)?:$/);
      expect(url.hostname).toBe('postgres');
      expect(url.port || '5432').toBe('5432');
      expect(url.username).toBe(postgresEnv.POSTGRES_USER);
      expect(decodeURIComponent(url.password)).toBe(postgresEnv.POSTGRES_PASSWORD);
      expect(url.pathname).toBe(`/${postgresEnv.POSTGRES_DB}`);
    });

    it('takes its secrets from required variables and listens on its own port', () => {
      expect(requiredVariable(env.KANTOOR_JWT_SECRET)).toBe('KANTOOR_JWT_SECRET');
      expect(requiredVariable(env.KANTOOR_GATEWAY_SECRET)).toBe(
        `KANTOOR_GATEWAY_SECRET_${name.toUpperCase()}`,
      );
      expect(env.PORT).toBe(String(port));
      expect(env.HOST).toBe('0.0.0.0');
    });

    it('starts once postgres is healthy and has a healthcheck on its /health', () => {
      expect(dependenciesOf(subgraph)).toEqual({ postgres: 'service_healthy' });
      expect(subgraph.healthcheck?.disable).not.toBe(true);
      expect(healthcheckCommandOf(subgraph)).toContain(`127.0.0.1:${port}/health`);
    });

    it('can be scaled: no container name, no published port, restarted on failure', () => {
      expect(subgraph.container_name).toBeUndefined();
      expect(publishedPortsOf(subgraph)).toEqual([]);
      expect(subgraph.restart).toBe('unless-stopped');
    });
  });

  describe('gateway', () => {
    const gateway = service('gateway');
    const env = environmentOf(gateway);

    it('is built from the repository and runs its compiled entry point with node', () => {
      expect(buildContextOf(gateway)).toBe('.');
      expect(commandOf(gateway)).toEqual(['node', 'gateway/dist/main.js']);
    });

    it('starts once all five subgraphs are healthy', () => {
      expect(dependenciesOf(gateway)).toEqual(
        Object.fromEntries(SUBGRAPHS.map((s) => [s.name, 'service_healthy'])),
      );
    });

    it.each(SUBGRAPHS)(
      'reaches $name at its URL with that subgraph’s own secret',
      ({ name, port }) => {
        const upper = name.toUpperCase();
        expect(env[`KANTOOR_SUBGRAPH_URL_${upper}`]).toBe(`http://${name}:${port}/graphql`);
        const subgraphSecret = environmentOf(service(name)).KANTOOR_GATEWAY_SECRET;
        expect(requiredVariable(subgraphSecret)).toBeDefined();
        expect(env[`KANTOOR_GATEWAY_SECRET_${upper}`]).toBe(subgraphSecret);
      },
    );

    it('shares the JWT secret with every subgraph', () => {
      expect(requiredVariable(env.KANTOOR_JWT_SECRET)).toBe('KANTOOR_JWT_SECRET');
      for (const { name } of SUBGRAPHS) {
        expect(environmentOf(service(name)).KANTOOR_JWT_SECRET).toBe(env.KANTOOR_JWT_SECRET);
      }
    });

    it('uses a different gateway secret for each subgraph', () => {
      const secrets = SUBGRAPHS.map(
        ({ name }) => env[`KANTOOR_GATEWAY_SECRET_${name.toUpperCase()}`],
      );
      expect(new Set(secrets).size).toBe(SUBGRAPHS.length);
    });

    it('publishes port 4000 and has a healthcheck on its /health', () => {
      expect(env.PORT).toBe(String(GATEWAY_PORT));
      expect(publishedPortsOf(gateway)).toContain(`${GATEWAY_PORT}:${GATEWAY_PORT}`);
      expect(gateway.healthcheck?.disable).not.toBe(true);
      expect(healthcheckCommandOf(gateway)).toContain(`127.0.0.1:${GATEWAY_PORT}/health`);
    });
  });

  describe('entry points', () => {
    const commands = ['gateway', ...SUBGRAPHS.map((s) => s.name)].map((name) => ({
      name,
      entry: commandOf(service(name))[1] ?? '',
    }));

    it.each(commands)(
      '$name runs dist/main.js of a workspace built from src/main.ts',
      ({ entry }) => {
        const match = /^(.+)\/dist\/main\.js$/.exec(entry);
        expect(match).not.toBeNull();
        const workspace = match?.[1] ?? '';
        expect(workspaces).toContain(workspace);

        // tsc -b compiles <workspace>/src to <workspace>/dist, so dist/main.js comes from src/main.ts.
        const tsconfigPath = join(root, workspace, 'tsconfig.json');
        const { config, error } = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
        expect(error).toBeUndefined();
        const options = ts.parseJsonConfigFileContent(
          config,
          ts.sys,
          join(root, workspace),
          undefined,
          tsconfigPath,
        ).options;
        expect(options.rootDir).toBe(join(root, workspace, 'src'));
        expect(options.outDir).toBe(join(root, workspace, 'dist'));
        expect(existsSync(join(root, workspace, 'src', 'main.ts'))).toBe(true);
      },
    );
  });
});

describe('.env.example', () => {
  const example = readText('.env.example');
  const documented = new Map(
    example
      .split('\n')
      .map((line) => /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1] ?? '', m[2] ?? '']),
  );
  const required = [...composeText.matchAll(/\$\{([A-Z][A-Z0-9_]*):\?/g)].map((m) => m[1] ?? '');

  it('documents every variable docker-compose.yml requires, with a 32+ character example', () => {
    expect(new Set(required)).toEqual(
      new Set([
        'KANTOOR_JWT_SECRET',
        ...SUBGRAPHS.map((s) => `KANTOOR_GATEWAY_SECRET_${s.name.toUpperCase()}`),
      ]),
    );
    for (const name of required) {
      expect(documented.get(name)?.length ?? 0).toBeGreaterThanOrEqual(32);
    }
  });

  it('marks its values as examples', () => {
    for (const value of documented.values()) expect(value).toMatch(/example/i);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readText('Dockerfile');
  const instructions = dockerfile
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages = dockerfile.split(/^FROM\s/m).slice(1);
  const runtime = stages.at(-1) ?? '';
  const npmCi = instructions.findIndex((line) => /^RUN\b.*\bnpm ci\b/.test(line));
  const npmBuild = instructions.findIndex((line) => /^RUN\b.*\bnpm run build\b/.test(line));

  it('builds from node:20-bookworm-slim in several stages', () => {
    const bases = instructions.filter((line) => line.startsWith('FROM '));
    expect(bases.length).toBeGreaterThanOrEqual(2);
    for (const base of bases) expect(base).toMatch(/^FROM node:20-bookworm-slim\b/);
  });

  it('runs npm ci after copying the lockfile and every workspace manifest, then builds', () => {
    expect(npmCi).toBeGreaterThan(-1);
    expect(npmBuild).toBeGreaterThan(npmCi);
    const beforeCi = instructions.slice(0, npmCi).join('\n');
    expect(beforeCi).toMatch(/^COPY .*package-lock\.json/m);
    expect(workspaces.length).toBeGreaterThan(0);
    for (const workspace of workspaces) expect(beforeCi).toContain(`${workspace}/package.json`);
  });

  it('runs the last stage as the node user in production with every built workspace', () => {
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^ENV NODE_ENV=production$/m);
    expect(runtime).toMatch(/^COPY --from=\S+ \S*node_modules /m);
    for (const workspace of workspaces) expect(runtime).toContain(`${workspace}/dist`);
  });

  it('ships the checked-in supergraph the gateway loads at start', () => {
    expect(runtime).toMatch(/^COPY --from=\S+ \S*\/schema\/? /m);
  });

  it('leaves local build output and secrets out of the build context', () => {
    const ignored = readText('.dockerignore')
      .split('\n')
      .map((line) => line.trim().replace(/^\*\*\//, ''));
    expect(ignored).toEqual(
      expect.arrayContaining(['node_modules', 'dist', '.git', '.kantoor', 'coverage', '.env']),
    );
  });
});
