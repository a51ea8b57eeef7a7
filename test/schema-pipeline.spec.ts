import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
      ['billing', 'invoicing', 'ledger', 'supergraph', 'tenancy', 'vat'].map((n) => `${n}.graphql`),
    );
    expect(generated.files.get('supergraph.graphql')).toContain('join__Graph');
    expect(generated.files.get('ledger.graphql')).toContain('@key(fields: "id")');
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
