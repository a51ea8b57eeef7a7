import type { Config } from 'jest';

const packages: Record<string, string> = {
  platform: 'platform',
  gateway: 'gateway',
  tenancy: 'subgraphs/tenancy',
  ledger: 'subgraphs/ledger',
  invoicing: 'subgraphs/invoicing',
  vat: 'subgraphs/vat',
  billing: 'subgraphs/billing',
};

const transform: Config['transform'] = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
};

/** Tests import packages by name; map them to their sources (no build needed). */
const moduleNameMapper: Record<string, string> = {
  // Sources import siblings as './x.js' (nodenext); jest resolves the .ts file.
  '^(\\.{1,2}/.*)\\.js$': '$1',
  '^@kantoor/platform/testing$': '<rootDir>/platform/src/testing/index.ts',
  ...Object.fromEntries(
    Object.entries(packages).map(([name, dir]) => [
      `^@kantoor/${name}$`,
      `<rootDir>/${dir}/src/index.ts`,
    ]),
  ),
};

function project(displayName: string, roots: string[]): Config {
  return {
    displayName,
    rootDir: __dirname,
    roots: roots.map((r) => `<rootDir>/${r}`),
    testEnvironment: 'node',
    testMatch: ['**/*.spec.ts'],
    transform,
    moduleNameMapper,
    // pg-boss's delay() without a lazy require (test/pg-boss-tools.cjs).
    resolver: '<rootDir>/test/jest-resolver.cjs',
    setupFiles: ['reflect-metadata'],
  };
}

const config: Config = {
  rootDir: __dirname,
  // One PostgreSQL for the run and a migrated template database; each test file clones it.
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  transform,
  moduleNameMapper,
  testTimeout: 60_000,
  // Each test file runs its own system (five subgraphs and a gateway) in one process, so a
  // run is CPU-bound in that process: two workers use both cores of the CI machine. More
  // would only contend (the shared PostgreSQL needs a share of the CPU too).
  maxWorkers: 2,
  projects: [
    ...Object.entries(packages).map(([name, dir]) => project(name, [dir])),
    project('e2e', ['test']),
  ],
};

export default config;
