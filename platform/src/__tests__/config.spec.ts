import { z } from 'zod';
import {
  ConfigError,
  DEFAULT_PORTS,
  gatewayConfigSchema,
  gatewaySecretVariable,
  parseConfig,
  SUBGRAPH_NAMES,
  subgraphConfigSchema,
  subgraphUrlVariable,
} from '../config';

const SECRET = 'x'.repeat(32);
const OTHER_SECRET = 'y'.repeat(40);

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

const validSubgraphEnv = {
  DATABASE_URL: 'postgres://kantoor:pw@localhost:5432/kantoor',
  KANTOOR_JWT_SECRET: SECRET,
  KANTOOR_GATEWAY_SECRET: OTHER_SECRET,
};

const validGatewayEnv: Record<string, string> = {
  KANTOOR_JWT_SECRET: SECRET,
  ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [gatewaySecretVariable(name), OTHER_SECRET])),
};

describe('parseConfig', () => {
  it('lists every problem at once: missing DATABASE_URL and a short KANTOOR_JWT_SECRET', () => {
    const error = configErrorOf(() =>
      parseConfig(subgraphConfigSchema, {
        KANTOOR_JWT_SECRET: 'too-short',
        KANTOOR_GATEWAY_SECRET: OTHER_SECRET,
      }),
    );
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toHaveLength(2);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^DATABASE_URL: /),
        'KANTOOR_JWT_SECRET: must be at least 32 characters',
      ]),
    );
    // The message names both too, one per line.
    expect(error.message).toMatch(/^Invalid configuration:\n/);
    expect(error.message).toContain('  - DATABASE_URL: ');
    expect(error.message).toContain('  - KANTOOR_JWT_SECRET: must be at least 32 characters');
  });

  it('reports every missing variable of an empty environment', () => {
    const error = configErrorOf(() => parseConfig(subgraphConfigSchema, {}));
    const variables = error.problems.map((p) => p.split(':')[0]);
    expect(variables.sort()).toEqual(
      ['DATABASE_URL', 'KANTOOR_GATEWAY_SECRET', 'KANTOOR_JWT_SECRET'].sort(),
    );
  });

  it('applies defaults and coerces values', () => {
    const config = parseConfig(subgraphConfigSchema, validSubgraphEnv);
    expect(config).toEqual({
      ...validSubgraphEnv,
      LOG_LEVEL: 'info',
      KANTOOR_MAX_BODY_BYTES: 10_000_000,
      KANTOOR_EVENT_WORKERS: true,
      KANTOOR_MAX_DEPTH: 15,
      KANTOOR_MAX_ALIASES: 30,
      KANTOOR_MAX_TOKENS: 5_000,
      KANTOOR_MAX_DIRECTIVES: 50,
      KANTOOR_MAX_COST: 250_000,
      KANTOOR_LIST_WEIGHT: 10,
      KANTOOR_RESERVED_EMAIL_DOMAINS: [],
      KANTOOR_WEBHOOK_ALLOW_LOCAL: false,
      KANTOOR_WEBHOOK_RETRY_LIMIT: 8,
      KANTOOR_WEBHOOK_RETRY_DELAY_SECONDS: 30,
      KANTOOR_WEBHOOK_DISABLE_AFTER: 20,
      KANTOOR_WEBHOOK_TIMEOUT_MS: 10_000,
    });
    expect(config.PORT).toBeUndefined();
    expect(
      parseConfig(subgraphConfigSchema, {
        ...validSubgraphEnv,
        KANTOOR_RESERVED_EMAIL_DOMAINS: ' Kantoor.nl, @ops.kantoor.nl ,,',
      }).KANTOOR_RESERVED_EMAIL_DOMAINS,
    ).toEqual(['kantoor.nl', 'ops.kantoor.nl']);

    const explicit = parseConfig(subgraphConfigSchema, {
      ...validSubgraphEnv,
      PORT: '4002',
      LOG_LEVEL: 'silent',
      KANTOOR_EVENT_WORKERS: 'false',
    });
    expect(explicit.PORT).toBe(4002);
    expect(explicit.LOG_LEVEL).toBe('silent');
    expect(explicit.KANTOOR_EVENT_WORKERS).toBe(false);
  });

  it('ignores variables that are not in the schema', () => {
    const config = parseConfig(subgraphConfigSchema, { ...validSubgraphEnv, HOME: '/root' });
    expect(config).not.toHaveProperty('HOME');
  });

  it.each([
    ['an http URL', { DATABASE_URL: 'http://localhost:5432/kantoor' }, 'DATABASE_URL'],
    ['a non-URL', { DATABASE_URL: 'localhost' }, 'DATABASE_URL'],
    ['a port above 65535', { PORT: '70000' }, 'PORT'],
    ['a non-numeric port', { PORT: 'eighty' }, 'PORT'],
    ['a fractional port', { PORT: '80.5' }, 'PORT'],
    ['an unknown log level', { LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    ['a non-boolean worker flag', { KANTOOR_EVENT_WORKERS: 'yes' }, 'KANTOOR_EVENT_WORKERS'],
    ['a short gateway secret', { KANTOOR_GATEWAY_SECRET: 'short' }, 'KANTOOR_GATEWAY_SECRET'],
  ])('rejects %s', (_label, override, variable) => {
    const error = configErrorOf(() =>
      parseConfig(subgraphConfigSchema, { ...validSubgraphEnv, ...override }),
    );
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(new RegExp(`^${variable}: `));
  });

  it('accepts postgresql:// as well as postgres://', () => {
    const url = 'postgresql://kantoor@db/kantoor';
    expect(
      parseConfig(subgraphConfigSchema, { ...validSubgraphEnv, DATABASE_URL: url }),
    ).toMatchObject({ DATABASE_URL: url });
  });

  it('validates the optional OPS user variables, listing both problems at once', () => {
    const ok = parseConfig(subgraphConfigSchema, {
      ...validSubgraphEnv,
      KANTOOR_OPS_EMAIL: 'ops@kantoor.test',
      KANTOOR_OPS_PASSWORD: 'correct horse battery',
    });
    expect(ok).toMatchObject({
      KANTOOR_OPS_EMAIL: 'ops@kantoor.test',
      KANTOOR_OPS_PASSWORD: 'correct horse battery',
    });
    const error = configErrorOf(() =>
      parseConfig(subgraphConfigSchema, {
        ...validSubgraphEnv,
        KANTOOR_OPS_EMAIL: 'not-an-email',
        KANTOOR_OPS_PASSWORD: 'short',
      }),
    );
    expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'KANTOOR_OPS_EMAIL',
      'KANTOOR_OPS_PASSWORD',
    ]);
    expect(error.problems).toContain('KANTOOR_OPS_PASSWORD: must be at least 12 characters');
  });

  // KNOWN GAP (see report): the schema documents the OPS variables as "both or neither", but
  // accepts one without the other; tenancy then silently skips creating the OPS user.
  // `.failing` keeps the suite green; remove it once the schema enforces the pair.
  it('refuses KANTOOR_OPS_EMAIL without KANTOOR_OPS_PASSWORD', () => {
    expect(() =>
      parseConfig(subgraphConfigSchema, {
        ...validSubgraphEnv,
        KANTOOR_OPS_EMAIL: 'ops@kantoor.test',
      }),
    ).toThrow(ConfigError);
  });

  it('labels a problem of the whole input as (root)', () => {
    const error = configErrorOf(() =>
      parseConfig(
        z
          .object({ A: z.string(), B: z.string() })
          .refine((env) => env.A === env.B, 'A must equal B'),
        { A: 'a', B: 'b' },
      ),
    );
    expect(error.problems).toEqual(['(root): A must equal B']);
  });
});

describe('gatewayConfigSchema', () => {
  it('applies the defaults', () => {
    const config = parseConfig(gatewayConfigSchema, validGatewayEnv);
    expect(config).toMatchObject({
      PORT: DEFAULT_PORTS.gateway,
      LOG_LEVEL: 'info',
      KANTOOR_SUBGRAPH_TIMEOUT_MS: 10_000,
      KANTOOR_MAX_BODY_BYTES: 1_000_000,
      KANTOOR_DEV_INTROSPECT: false,
      KANTOOR_MAX_DEPTH: 15,
      KANTOOR_MAX_COST: 250_000,
      KANTOOR_RATE_LIMIT_POINTS: 1000,
      KANTOOR_RATE_LIMIT_WINDOW_SECONDS: 60,
    });
    expect(config.KANTOOR_RATE_LIMIT_DATABASE_URL).toBeUndefined();
    expect(config.KANTOOR_TRUST_PROXY).toBeUndefined();
    expect(config.PORT).toBe(4000);
    for (const name of SUBGRAPH_NAMES) {
      expect(config[subgraphUrlVariable(name) as keyof typeof config]).toBeUndefined();
    }
  });

  it('needs the JWT secret and a gateway secret per subgraph, and lists each one missing', () => {
    const error = configErrorOf(() => parseConfig(gatewayConfigSchema, {}));
    const variables = error.problems.map((p) => p.split(':')[0]).sort();
    expect(variables).toEqual(
      ['KANTOOR_JWT_SECRET', ...SUBGRAPH_NAMES.map(gatewaySecretVariable)].sort(),
    );
  });

  it('coerces numbers and flags, and validates subgraph URLs', () => {
    const config = parseConfig(gatewayConfigSchema, {
      ...validGatewayEnv,
      PORT: '8080',
      KANTOOR_SUBGRAPH_TIMEOUT_MS: '2500',
      KANTOOR_DEV_INTROSPECT: 'true',
      KANTOOR_SUBGRAPH_URL_LEDGER: 'http://ledger:4002/graphql',
    });
    expect(config.PORT).toBe(8080);
    expect(config.KANTOOR_SUBGRAPH_TIMEOUT_MS).toBe(2500);
    expect(config.KANTOOR_DEV_INTROSPECT).toBe(true);
    expect(config.KANTOOR_SUBGRAPH_URL_LEDGER).toBe('http://ledger:4002/graphql');

    const error = configErrorOf(() =>
      parseConfig(gatewayConfigSchema, {
        ...validGatewayEnv,
        KANTOOR_SUBGRAPH_URL_VAT: 'not a url',
        KANTOOR_SUBGRAPH_TIMEOUT_MS: '0',
        KANTOOR_MAX_BODY_BYTES: '-1',
      }),
    );
    expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'KANTOOR_MAX_BODY_BYTES',
      'KANTOOR_SUBGRAPH_TIMEOUT_MS',
      'KANTOOR_SUBGRAPH_URL_VAT',
    ]);
  });

  it('names the per-subgraph variables as the gateway reads them', () => {
    expect(gatewaySecretVariable('invoicing')).toBe('KANTOOR_GATEWAY_SECRET_INVOICING');
    expect(subgraphUrlVariable('vat')).toBe('KANTOOR_SUBGRAPH_URL_VAT');
    for (const name of SUBGRAPH_NAMES) {
      expect(gatewayConfigSchema.shape).toHaveProperty(gatewaySecretVariable(name));
      expect(gatewayConfigSchema.shape).toHaveProperty(subgraphUrlVariable(name));
    }
  });
});
