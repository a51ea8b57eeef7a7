import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { driftedFiles, generateSchemas } from '../scripts/schema-pipeline';

const SCHEMA_DIR = join(__dirname, '..', 'schema');

describe('schema pipeline', () => {
  let generated: Awaited<ReturnType<typeof generateSchemas>>;
  beforeAll(async () => {
    generated = await generateSchemas();
  });

  test('composes the five subgraphs into a supergraph', () => {
    expect(generated.compositionErrors).toEqual([]);
    expect([...generated.files.keys()].sort()).toEqual(
      ['api', 'billing', 'invoicing', 'ledger', 'supergraph', 'tenancy', 'vat'].map(
        (n) => `${n}.graphql`,
      ),
    );
    expect(generated.files.get('supergraph.graphql')).toContain('join__Graph');
    expect(generated.files.get('ledger.graphql')).toContain('@key(fields: "id")');
  });

  test('api.graphql is the client schema: no federation directives or types', () => {
    const api = generated.files.get('api.graphql')!;
    expect(api).toContain('type Query {');
    expect(api).toContain('scalar Decimal');
    for (const federation of ['@join__', '@link', '@key', '_Entity', '_Service', 'join__Graph']) {
      expect(api).not.toContain(federation);
    }
    // What a client can send is exactly what the gateway serves.
    const schema = buildSchema(api);
    expect(schema.getQueryType()?.getFields().administrations).toBeDefined();
  });

  test('the checked-in schema/ matches the code', () => {
    expect(driftedFiles(generated, SCHEMA_DIR)).toEqual([]);
  });

  test('drift in a checked-in file is detected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kantoor-schema-'));
    try {
      cpSync(SCHEMA_DIR, dir, { recursive: true });
      appendFileSync(join(dir, 'ledger.graphql'), '\ntype Sneaky { x: Int }\n');
      rmSync(join(dir, 'vat.graphql'));
      expect(driftedFiles(generated, dir).sort()).toEqual(['ledger.graphql', 'vat.graphql']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
