import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import {
  commandOf,
  configProblems,
  healthcheckProblems,
  interpolate,
  parseCompose,
  parseEnvFile,
  readText,
  roleOf,
  routingProblems,
  schemaProblems,
  startOrderProblems,
  type ComposeDoc,
  type Service,
} from './compose-checks';

/**
 * The container set-up (docker-compose.yml, .env.example, Dockerfile) checked without a Docker
 * engine: `docker compose config`'s reading (merge keys, interpolation, the Compose
 * Specification's schema) and the wiring a schema cannot see (see compose-checks.ts). Every
 * check is also run on a broken copy of the file, to show that it finds what it is for.
 */

const root = join(__dirname, '..');
const composeText = readText('docker-compose.yml');
const envExample = readText('.env.example');

function load(text = composeText, envFile = envExample) {
  return interpolate(parseCompose(text), parseEnvFile(envFile));
}

const { doc, problems: interpolationProblems } = load();

/** The interpolated file with `change` applied to a copy. */
function mutated(change: (d: ComposeDoc & { services: Record<string, Service> }) => void) {
  const copy = structuredClone(doc) as ComposeDoc & { services: Record<string, Service> };
  change(copy);
  return copy;
}

const env = (s: Service) => s.environment as Record<string, string | null>;
const deps = (s: Service) => s.depends_on as Record<string, { condition?: string }>;

describe('docker-compose.yml as compose reads it', () => {
  it('interpolates: every ${VAR} has a default or is set in .env.example', () => {
    expect(interpolationProblems).toEqual([]);
  });

  it('finds a variable without a default that .env.example does not set', () => {
    const text = composeText.replace('${LOG_LEVEL:-info}', '${LOG_LEVEL}');
    expect(load(text).problems).toContainEqual(expect.stringMatching(/\$\{LOG_LEVEL\} is used/));
    const envFile = envExample.replace(/^KANTOOR_GATEWAY_SECRET_VAT=.*$/m, '');
    expect(load(composeText, envFile).problems).toContainEqual(
      expect.stringMatching(/services\.vat\.environment\.KANTOOR_GATEWAY_SECRET: .* required/),
    );
  });

  it('is valid against the Compose Specification schema', () => {
    expect(schemaProblems(doc)).toEqual([]);
  });

  it('the schema refuses an unknown condition and a misspelt key', () => {
    const badCondition = mutated((d) => {
      deps(d.services.ledger!).postgres!.condition = 'service_ready';
    });
    expect(schemaProblems(badCondition).join('\n')).toMatch(/depends_on\/postgres\/condition/);
    const misspelt = mutated((d) => {
      d.services.vat!.helthcheck = d.services.vat!.healthcheck;
    });
    expect(schemaProblems(misspelt).join('\n')).toMatch(/helthcheck/);
  });
});

describe('each service gets the configuration its code needs', () => {
  it('the gateway and every subgraph parse their environment as they do at start-up', () => {
    expect(configProblems(doc)).toEqual([]);
  });

  it('finds a missing gateway secret and a secret too short for the code', () => {
    const missing = mutated((d) => {
      delete env(d.services.ledger!).KANTOOR_GATEWAY_SECRET;
    });
    expect(configProblems(missing)).toEqual([
      expect.stringMatching(/^ledger: KANTOOR_GATEWAY_SECRET/),
    ]);
    const short = envExample.replace(
      /^KANTOOR_JWT_SECRET=.*$/m,
      'KANTOOR_JWT_SECRET=example-short',
    );
    const problems = configProblems(load(composeText, short).doc);
    expect(problems.filter((p) => p.includes('KANTOOR_JWT_SECRET'))).toHaveLength(6);
  });
});

describe('health checks', () => {
  it('every service has one, probing the port it listens on', () => {
    expect(healthcheckProblems(doc)).toEqual([]);
  });

  it('finds a service without one and a probe of the wrong port', () => {
    const without = mutated((d) => {
      delete d.services.gateway!.healthcheck;
      d.services.postgres!.healthcheck = { disable: true };
    });
    expect(healthcheckProblems(without)).toEqual([
      'postgres: no health check',
      'gateway: no health check',
    ]);
    const wrongPort = mutated((d) => {
      const test = d.services.tenancy!.healthcheck!.test as string[];
      test[3] = test[3]!.replace('127.0.0.1:4001', '127.0.0.1:4009');
    });
    expect(healthcheckProblems(wrongPort)).toEqual([
      'tenancy: the health check probes port 4009, the service listens on 4001',
    ]);
  });

  it('the gateway is healthy when it can serve: its probe is /ready, which asks the subgraphs', () => {
    const test = doc.services!.gateway!.healthcheck!.test as string[];
    expect(test.join(' ')).toContain('http://127.0.0.1:4000/ready');
    // The subgraphs keep their own /health (the gateway's /ready asks exactly those).
    for (const name of ['tenancy', 'ledger', 'invoicing', 'vat', 'billing']) {
      const sub = doc.services![name]!.healthcheck!.test as string[];
      expect(sub.join(' ')).toMatch(/127\.0\.0\.1:400\d\/health'/);
    }
  });
});

describe('start order', () => {
  it('waits for healthy services: postgres, then the subgraphs, then the gateway; no cycle', () => {
    expect(startOrderProblems(doc)).toEqual([]);
  });

  it('finds a dependency that only waits for a start, and one on an undefined service', () => {
    const started = mutated((d) => {
      deps(d.services.ledger!).postgres!.condition = 'service_started';
      deps(d.services.gateway!).reporting = { condition: 'service_healthy' };
    });
    expect(startOrderProblems(started)).toEqual([
      'ledger: depends on postgres with service_started, not service_healthy',
      'gateway: depends on undefined service reporting',
    ]);
  });

  it('finds a cycle', () => {
    const cycle = mutated((d) => {
      d.services.postgres!.depends_on = { gateway: { condition: 'service_healthy' } };
    });
    expect(startOrderProblems(cycle)).toContainEqual(
      expect.stringMatching(/^cycle: postgres -> gateway -> \w+ -> postgres$/),
    );
  });

  it('finds a gateway that starts before a subgraph, and a subgraph before its database', () => {
    const early = mutated((d) => {
      delete deps(d.services.gateway!).billing;
      delete d.services.vat!.depends_on;
    });
    expect(startOrderProblems(early)).toEqual([
      'vat: starts without waiting for its database postgres',
      'gateway: starts before billing',
    ]);
  });
});

describe('routing from the gateway', () => {
  it('every subgraph URL names the service running that subgraph, on its port, with its secret', () => {
    expect(routingProblems(doc)).toEqual([]);
  });

  it('finds a wrong port, an undefined host, another subgraph and a crossed secret', () => {
    const wrong = mutated((d) => {
      const gateway = env(d.services.gateway!);
      gateway.KANTOOR_SUBGRAPH_URL_LEDGER = 'http://ledger:4009/graphql';
      gateway.KANTOOR_SUBGRAPH_URL_VAT = 'http://btw:4004/graphql';
      gateway.KANTOOR_SUBGRAPH_URL_BILLING = 'http://invoicing:4003/graphql';
      gateway.KANTOOR_GATEWAY_SECRET_TENANCY = env(d.services.ledger!).KANTOOR_GATEWAY_SECRET!;
    });
    expect(routingProblems(wrong)).toEqual([
      "gateway: KANTOOR_GATEWAY_SECRET_TENANCY differs from tenancy's",
      'gateway: KANTOOR_SUBGRAPH_URL_LEDGER uses port 4009; ledger listens on 4002',
      'gateway: KANTOOR_SUBGRAPH_URL_VAT names no service (btw)',
      'gateway: KANTOOR_SUBGRAPH_URL_BILLING names invoicing, which does not run billing',
    ]);
  });
});

describe('entry points', () => {
  const workspaces = (JSON.parse(readText('package.json')) as { workspaces: string[] }).workspaces;
  const runners = Object.entries(doc.services ?? {}).filter(([, s]) => roleOf(s) !== null);

  it('the gateway and the five subgraphs each run in a service', () => {
    expect(runners.map(([, s]) => roleOf(s))).toHaveLength(6);
  });

  it.each(runners)('%s runs dist/main.js of a workspace built from src/main.ts', (_name, s) => {
    const entry = commandOf(s).find((part) => part.endsWith('/dist/main.js')) ?? '';
    const workspace = /^(.+)\/dist\/main\.js$/.exec(entry)?.[1] ?? '';
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
  });
});

describe('.env.example', () => {
  it('marks its values as examples', () => {
    const values = [...parseEnvFile(envExample).values()];
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value).toMatch(/example/i);
  });
});

describe('Dockerfile', () => {
  const workspaces = (JSON.parse(readText('package.json')) as { workspaces: string[] }).workspaces;
  const dockerfile = readText('Dockerfile');
  const instructions = dockerfile
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages = dockerfile.split(/^FROM\s/m).slice(1);
  const runtime = stages.at(-1) ?? '';
  const npmCi = instructions.findIndex((line) => /^RUN\b.*\bnpm ci\b/.test(line));
  const npmBuild = instructions.findIndex((line) => /^RUN\b.*\bnpm run build\b/.test(line));

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
