/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are read loosely in these tests */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CREDIT,
  customer,
  finalized,
  line,
  makeAdm,
  startKit,
  type Adm,
  type Kit,
} from '../../../__tests__/invoicing-kit';

const ROOT = resolve(__dirname, '../../../../../..');
// The team's validator lives next to the project (`node ../shared/tools/validate-ubl.mjs`, run
// from the project root); a git worktree one level deeper finds it one level further up.
const VALIDATOR_AT = ['../shared', '../../shared'].map((d) =>
  resolve(ROOT, d, 'tools/validate-ubl.mjs'),
);
const VALIDATOR = VALIDATOR_AT.find((p) => existsSync(p)) ?? VALIDATOR_AT[0]!;

let kit: Kit;
let a: Adm;
beforeAll(async () => {
  kit = await startKit();
  a = await makeAdm(kit);
});
afterAll(async () => {
  await kit?.stop();
});

const UBL = `query($id: ID!, $inv: ID!) { administration(id: $id) { invoice(id: $inv) { status ubl } } }`;

async function ublOf(id: string): Promise<string> {
  const r: any = await kit.gql(a.adminToken, UBL, { id: a.administrationId, inv: id });
  expect(r.errors).toBeUndefined();
  return r.data.administration.invoice.ubl;
}

test('Invoice.ubl passes the UBL 2.1 XSD and the SI-UBL 2.0 schematron for every VAT case and a credit note', async () => {
  const nl = await customer(kit, a, { vatNumber: 'NL123456782B01', reference: undefined });
  const de = await customer(kit, a, {
    name: 'Deutsche Bäckerei GmbH',
    vatNumber: 'DE123456789',
    kvkNumber: null,
    address: { street: 'Hauptstraße 5', postalCode: '10115', city: 'Berlin', countryCode: 'DE' },
  });
  const us = await customer(kit, a, {
    name: 'Acme Inc.',
    kvkNumber: null,
    address: { street: '1 Main St', postalCode: '10001', city: 'New York', countryCode: 'US' },
  });
  const cases: Record<
    string,
    { customerId: string; lines: Record<string, unknown>[]; reference?: string }
  > = {
    'v21-and-v9': {
      customerId: nl.id,
      reference: 'PO-77',
      lines: [
        line(),
        line({ description: 'Brood', quantity: '50', unitPrice: '2.00', vatCode: 'V9' }),
      ],
    },
    'v21-rounding': {
      customerId: nl.id,
      lines: [
        line({ quantity: '3', unitPrice: '0.33' }),
        line({ quantity: '1.5', unitPrice: '0.35' }),
      ],
    },
    'v9-only': { customerId: nl.id, lines: [line({ vatCode: 'V9' })] },
    'v0-zero-rated': { customerId: nl.id, lines: [line({ vatCode: 'V0' })] },
    'reverse-charge': {
      customerId: nl.id,
      lines: [line({ description: 'Onderaanneming', vatCode: 'VVERL' })],
    },
    'intra-eu': { customerId: de.id, lines: [line({ vatCode: 'VEU' })] },
    export: { customerId: us.id, lines: [line({ vatCode: 'VEX' })] },
    exempt: { customerId: nl.id, lines: [line({ vatCode: 'VVRIJ' })] },
    'discount-line': {
      customerId: nl.id,
      lines: [line(), line({ description: 'Korting', quantity: '-1', unitPrice: '5.00' })],
    },
  };
  const dir = mkdtempSync(join(tmpdir(), 'kantoor-ubl-'));
  const files: string[] = [];
  let toCredit = '';
  for (const [name, c] of Object.entries(cases)) {
    const inv = await finalized(kit, a, c.customerId, {
      issueDate: '2026-03-15',
      lines: c.lines,
      reference: c.reference,
    });
    if (name === 'v21-and-v9') toCredit = inv.id;
    const xml = await ublOf(inv.id);
    expect(xml).toContain('urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0');
    files.push(join(dir, `${name}.xml`));
    writeFileSync(files[files.length - 1]!, xml);
  }
  const credit: any = await kit.gql(a.adminToken, CREDIT, {
    input: {
      administrationId: a.administrationId,
      invoiceId: toCredit,
      issueDate: '2026-03-20',
      lines: [line({ quantity: '2' })],
    },
  });
  const noteXml = await ublOf(credit.data.creditInvoice.invoice.id);
  expect(noteXml).toContain('<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>');
  files.push(join(dir, 'credit-note.xml'));
  writeFileSync(files[files.length - 1]!, noteXml);
  // Asynchronously: the subgraphs run in this process and must keep answering.
  let output = '';
  try {
    output = (
      await promisify(execFile)(process.execPath, [VALIDATOR, ...files], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 240_000,
      })
    ).stdout;
  } catch (error) {
    throw new Error(
      `validate-ubl (${VALIDATOR}) failed:\n${String((error as { stdout?: string }).stdout ?? '')}\n${String((error as { stderr?: string }).stderr ?? error)}`,
    );
  }
  const lines = output.trim().split('\n');
  expect(lines).toHaveLength(files.length);
  for (const l of lines) expect(l).toMatch(/^valid .*: 0 XSD errors, 0 failed rules$/);
}, 300_000);

test('a draft has no UBL', async () => {
  const c = await customer(kit, a);
  const r: any = await kit.gql(
    a.adminToken,
    `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { ubl } } }`,
    { input: { administrationId: a.administrationId, customerId: c.id, lines: [line()] } },
  );
  expect(r.data.createInvoice.invoice.ubl).toBeNull();
});
