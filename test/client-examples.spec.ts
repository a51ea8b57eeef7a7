import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  parse,
  printSchema,
  validate,
  type IntrospectionQuery,
} from 'graphql';
import ts from 'typescript';
import { eventually } from '@kantoor/platform/testing';
import { startTestSystemWithFactories, type TestSystem } from './system';
import type { Factories } from './factories';

/**
 * docs/clients.md's promises, checked: schema/api.graphql is what the gateway serves, the
 * example operations are valid against it, the graphql-codegen config generates types the
 * example client type-checks with, and that client works against the real system.
 */
const ROOT = join(__dirname, '..');
const EXAMPLES = join(ROOT, 'examples');
const OPERATIONS = join(EXAMPLES, 'operations');
const API_SCHEMA = buildSchema(readFileSync(join(ROOT, 'schema', 'api.graphql'), 'utf8'));
const PASSWORD = 'client-examples-password-2026';

/**
 * What the test uses of examples/client.ts. The client is compiled here from what codegen just
 * generated (git-ignored), so the test cannot import it statically; the compiler checks the
 * client itself, strictly.
 */
interface Session {
  token: string;
  refreshToken: string | null;
}
interface ExampleClient {
  session: Session | null;
  login(email: string, password: string): Promise<string[]>;
  refresh(): Promise<boolean>;
  allAdministrationNames(pageSize?: number): Promise<string[]>;
  overview(id: string): Promise<{
    administration: {
      name: string;
      invoices?: { totalCount: number } | null;
      journalEntries?: { totalCount: number } | null;
    } | null;
    forbidden: string[];
  }>;
  postJournalEntry(
    input: Record<string, unknown>,
    idempotencyKey?: string,
  ): Promise<{ entry?: { id: string } | null; userErrors: unknown[] }>;
}
interface ClientModule {
  KantoorClient: new (url: string, session?: Session | null) => ExampleClient;
}

let system: TestSystem;
let make: Factories;
let client: ClientModule;
let compileProblems: string[];

/** Compiles examples/ (strict, its own tsconfig) into examples/generated/js; returns the problems. */
function compileExamples(): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(EXAMPLES, 'tsconfig.json'),
    { noEmit: false, outDir: join(EXAMPLES, 'generated', 'js') },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  )!;
  expect(config.fileNames.some((f) => f.endsWith('generated/graphql.ts'))).toBe(true);
  const program = ts.createProgram(config.fileNames, config.options);
  const problems = ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  program.emit();
  return problems;
}

beforeAll(async () => {
  // examples/codegen.ts as a developer runs it (`npm run examples`), output git-ignored.
  rmSync(join(EXAMPLES, 'generated'), { recursive: true, force: true });
  const codegen = spawnSync(
    process.execPath,
    [
      require.resolve('@graphql-codegen/cli/package.json').replace('package.json', 'esm/bin.js'),
      '--config',
      'codegen.ts',
      '--silent',
    ],
    { cwd: EXAMPLES, encoding: 'utf8' },
  );
  if (codegen.status !== 0)
    throw new Error(`graphql-codegen failed: ${codegen.stderr}${codegen.stdout}`);
  compileProblems = compileExamples();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  client = require(join(EXAMPLES, 'generated', 'js', 'client.js')) as ClientModule;
  ({ system, make } = await startTestSystemWithFactories());
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

describe('the client-ready schema and the examples', () => {
  test('every example operation is valid against schema/api.graphql', () => {
    const files = readdirSync(OPERATIONS).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const document = parse(readFileSync(join(OPERATIONS, file), 'utf8'));
      expect([file, validate(API_SCHEMA, document).map((e) => e.message)]).toEqual([file, []]);
    }
  });

  test('schema/api.graphql is exactly what the gateway answers to introspection', async () => {
    const r = await system.query<IntrospectionQuery>(getIntrospectionQuery());
    expect(r.errors).toBeUndefined();
    // Same types, fields, arguments and descriptions (the order of fields may differ).
    expect(printSchema(lexicographicSortSchema(buildClientSchema(r.data!)))).toBe(
      printSchema(lexicographicSortSchema(API_SCHEMA)),
    );
  });

  test('the generated types and the example client type-check (strict)', () => {
    expect(compileProblems).toEqual([]);
  });
});

describe('the example client against the real gateway', () => {
  let adminEmail: string;
  let officeId: string;
  let administrationId: string;

  beforeAll(async () => {
    adminEmail = `admin-${randomUUID().slice(0, 8)}@clients.test`;
    const signUp = await system.query<{
      signUp: { office: { id: string }; userErrors: unknown[] };
    }>(
      `mutation($input: SignUpInput!) { signUp(input: $input) { office { id } userErrors { code } } }`,
      {
        variables: {
          input: {
            officeName: 'Client Examples',
            name: 'Admin',
            email: adminEmail,
            password: PASSWORD,
          },
        },
      },
    );
    expect(signUp.data?.signUp.userErrors).toEqual([]);
    officeId = signUp.data!.signUp.office.id;
    administrationId = (
      await make.administration({
        officeId,
        name: 'Bakkerij Jansen',
        modules: ['LEDGER', 'INVOICING'],
      })
    ).id;
    await make.administration({ officeId, name: 'Fietsenmaker De Vries' });
  });

  test('login, pages of administrations, refresh', async () => {
    const admin = new client.KantoorClient(system.gateway.url);
    expect(await admin.login(adminEmail, 'wrong-password-wrong')).toEqual(['INVALID_CREDENTIALS']);
    expect(await admin.login(adminEmail, PASSWORD)).toEqual([]);
    // Page size 1: the client follows endCursor until hasNextPage is false.
    expect((await admin.allAdministrationNames(1)).sort()).toEqual([
      'Bakkerij Jansen',
      'Fietsenmaker De Vries',
    ]);
    const before = admin.session!;
    expect(await admin.refresh()).toBe(true);
    expect(admin.session!.refreshToken).not.toBe(before.refreshToken);
    expect(await admin.allAdministrationNames()).toHaveLength(2);
    // The used-up refresh token ends the session.
    admin.session = before;
    expect(await admin.refresh()).toBe(false);
  });

  test('a field the viewer may not read is null with FORBIDDEN; the rest of the data comes', async () => {
    const clerk = await make.user({ officeId, officeRole: 'MEMBER' });
    await make.grant(clerk.id, administrationId, ['INVOICING_READ']);
    const restricted = new client.KantoorClient(system.gateway.url, {
      token: await make.token(clerk.id),
      refreshToken: null,
    });
    const { administration, forbidden } = await restricted.overview(administrationId);
    expect(administration?.name).toBe('Bakkerij Jansen');
    expect(administration?.invoices?.totalCount).toBe(0);
    expect(administration?.journalEntries).toBeNull();
    expect(forbidden).toEqual(['administration.journalEntries']);
  });

  test('a retried post with the same idempotency key books one entry', async () => {
    const admin = new client.KantoorClient(system.gateway.url);
    expect(await admin.login(adminEmail, PASSWORD)).toEqual([]);
    await eventually(
      async () => {
        const { administration } = await admin.overview(administrationId);
        return administration?.journalEntries ? true : undefined;
      },
      { what: 'the ledger to know the administration' },
    );
    const input = {
      administrationId,
      date: '2026-03-02',
      description: 'Kas naar bank',
      lines: [
        { accountCode: '1100', debit: '50.00' },
        { accountCode: '1000', credit: '50.00' },
      ],
    };
    const key = randomUUID();
    const first = await admin.postJournalEntry(input, key);
    expect(first.userErrors).toEqual([]);
    const again = await admin.postJournalEntry(input, key);
    expect(again.entry?.id).toBe(first.entry?.id);
    const { administration } = await admin.overview(administrationId);
    expect(administration?.journalEntries?.totalCount).toBe(1);
  });
});
