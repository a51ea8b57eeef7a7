import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { eventually } from '@kantoor/platform/testing';
import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { sharedDomainFile } from '../../../__tests__/shared-domain';
import {
  makeOffice,
  post,
  startLedgerKit,
  waitForBooks,
  type Books,
  type LedgerKit,
} from '../../../__tests__/ledger-kit';

/**
 * Issue 13, item 11: the XAF names invoicing's customers (customersSuppliers) and, on the lines
 * of what was booked for their invoices, custSupID and invRef; VAT lines and both sides of
 * reverse charge carry a vat element. Everything through the gateway: customers and invoices
 * in invoicing, the booking by the ledger from "invoicing.document-finalized", the export.
 */

const xsd = readFileSync(sharedDomainFile('xsd/XmlAuditfileFinancieel3.2.xsd')!, 'utf8');

let kit: LedgerKit;
beforeAll(async () => {
  kit = await startLedgerKit();
});
afterAll(async () => {
  await kit?.stop();
});

async function validate(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: [{ fileName: 'audit.xaf', contents: xml }],
    schema: [{ fileName: 'XmlAuditfileFinancieel3.2.xsd', contents: xsd }],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

interface Vat {
  vatID: string;
  vatPerc: string;
  vatAmnt: string;
  vatAmntTp: string;
}
interface TrLine {
  accID: string;
  amnt: string;
  amntTp: string;
  custSupID?: string;
  invRef?: string;
  vat?: Vat[];
}
interface Doc {
  auditfile: {
    company: {
      customersSuppliers?: { customerSupplier: Record<string, unknown>[] };
      transactions: {
        journal: {
          jrnID: string;
          transaction?: { nr: string; desc: string; trLine: TrLine[] }[];
        }[];
      };
    };
  };
}

const ARRAYS = new Set(['journal', 'transaction', 'trLine', 'vat', 'customerSupplier']);
const read = (xml: string) =>
  new XMLParser({ parseTagValue: false, isArray: (name) => ARRAYS.has(name) }).parse(xml) as Doc;

async function ok<T>(
  token: string,
  query: string,
  input: Record<string, unknown>,
  field: string,
): Promise<T> {
  const r = await kit.gql<Record<string, { userErrors: unknown[] } & Record<string, unknown>>>(
    token,
    query,
    { input },
  );
  expect(r.errors).toBeUndefined();
  expect(r.data![field]!.userErrors).toEqual([]);
  return r.data![field] as T;
}

const SETTINGS = `mutation($input: UpdateInvoiceSettingsInput!) { updateInvoiceSettings(input: $input) { userErrors { field code message } } }`;
const CREATE_CUSTOMER = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id number } userErrors { field code message } } }`;
const CREATE_INVOICE = `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id } userErrors { field code message } } }`;
const FINALIZE = `mutation($input: FinalizeInvoiceInput!) { finalizeInvoice(input: $input) { invoice { id number totalInclVat } userErrors { field code message } } }`;
const PAY = `mutation($input: RegisterPaymentInput!) { registerPayment(input: $input) { invoice { id } userErrors { field code message } } }`;

/** An office, an administration with LEDGER and INVOICING whose books are open, sender details. */
async function invoicingBooks(): Promise<Books> {
  const office = await makeOffice(kit);
  const adm = await kit.make.administration({
    officeId: office.officeId,
    modules: ['LEDGER', 'INVOICING'],
  });
  await waitForBooks(kit, adm.id);
  await ok(
    office.adminToken,
    SETTINGS,
    {
      administrationId: adm.id,
      name: 'Bakkerij De Vries B.V.',
      street: 'Dorpsstraat 1',
      postalCode: '3511 AA',
      city: 'Utrecht',
      countryCode: 'NL',
      vatNumber: 'NL123456782B01',
      kvkNumber: '12345678',
      iban: 'NL91ABNA0417164300',
    },
    'updateInvoiceSettings',
  );
  return { ...office, administrationId: adm.id };
}

async function finalizedInvoice(
  books: Books,
  customerId: string,
  issueDate: string,
  lines: { description: string; quantity: string; unitPrice: string; vatCode: string }[],
) {
  const created = await ok<{ invoice: { id: string } }>(
    books.adminToken,
    CREATE_INVOICE,
    { administrationId: books.administrationId, customerId, issueDate, lines },
    'createInvoice',
  );
  const { invoice } = await ok<{ invoice: { id: string; number: string; totalInclVat: string } }>(
    books.adminToken,
    FINALIZE,
    { administrationId: books.administrationId, invoiceId: created.invoice.id },
    'finalizeInvoice',
  );
  return invoice;
}

/** Waits until the ledger has booked the invoicing document (a readiness check, not a sleep). */
async function booked(books: Books, documentId: string) {
  await eventually(
    async () => {
      const [row] = (await kit.ledgerDb.query(
        `SELECT status, error FROM ledger.invoicing_bookings WHERE administration_id = $1 AND document_id = $2`,
        [books.administrationId, documentId],
      )) as { status: string; error: string | null }[];
      if (row?.status === 'FAILED') throw new Error(`booking failed: ${row.error}`);
      return row?.status === 'BOOKED' ? true : undefined;
    },
    { what: 'the ledger booking of an invoicing document' },
  );
}

async function auditFile(books: Books): Promise<string> {
  const r = await kit.gql<{ administration: { auditFile: string | null } }>(
    books.adminToken,
    `query($id: ID!) { administration(id: $id) { auditFile(fiscalYear: 2026) } }`,
    { id: books.administrationId },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.administration.auditFile!;
}

const transactions = (doc: Doc, journal: string) =>
  doc.auditfile.company.transactions.journal.find((j) => j.jrnID === journal)?.transaction ?? [];

describe('XAF customersSuppliers, custSupID and invRef from invoicing (issue 13, item 11)', () => {
  test('two customers invoiced, one paid: customers listed, their lines name them and the invoice; VAT elements on VAT lines and both sides of reverse charge; valid', async () => {
    const books = await invoicingBooks();
    const bakery = await ok<{ customer: { id: string; number: string } }>(
      books.adminToken,
      CREATE_CUSTOMER,
      {
        administrationId: books.administrationId,
        name: 'Cafe Centraal & Zn',
        address: {
          street: 'Kerkweg 2',
          postalCode: '3811 AB',
          city: 'Amersfoort',
          countryCode: 'NL',
        },
        vatNumber: 'NL123456782B01',
        kvkNumber: '87654321',
      },
      'createCustomer',
    );
    const german = await ok<{ customer: { id: string; number: string } }>(
      books.adminToken,
      CREATE_CUSTOMER,
      {
        administrationId: books.administrationId,
        name: 'Konditorei Müller GmbH',
        address: {
          street: 'Hauptstraße 5',
          postalCode: '10115',
          city: 'Berlin',
          countryCode: 'DE',
        },
        vatNumber: 'DE123456789',
      },
      'createCustomer',
    );
    const a = bakery.customer;
    const b = german.customer;
    expect(a.number).not.toBe(b.number);

    const invoiceA = await finalizedInvoice(books, a.id, '2026-04-01', [
      { description: 'Taart', quantity: '10', unitPrice: '10.00', vatCode: 'V21' },
      { description: 'Brood', quantity: '10', unitPrice: '5.00', vatCode: 'V9' },
    ]);
    const invoiceB = await finalizedInvoice(books, b.id, '2026-04-02', [
      { description: 'Koekjes', quantity: '4', unitPrice: '25.00', vatCode: 'V21' },
    ]);
    await booked(books, invoiceA.id);
    await booked(books, invoiceB.id);

    // A payment registered in invoicing names the invoice only; the ledger knows its customer.
    await ok(
      books.adminToken,
      PAY,
      {
        administrationId: books.administrationId,
        invoiceId: invoiceA.id,
        amount: invoiceA.totalInclVat,
        date: '2026-04-10',
      },
      'registerPayment',
    );
    await eventually(
      async () => {
        const [row] = (await kit.ledgerDb.query(
          `SELECT count(*)::int AS n FROM ledger.invoicing_bookings
            WHERE administration_id = $1 AND invoice_id = $2 AND kind = 'PAYMENT' AND status = 'BOOKED'`,
          [books.administrationId, invoiceA.id],
        )) as { n: number }[];
        return row!.n === 1 ? true : undefined;
      },
      { what: 'the payment booking' },
    );

    // A purchase with reverse charge, booked by hand: the VAT due and the input VAT.
    const reverse = await post(kit, books.adminToken, {
      administrationId: books.administrationId,
      date: '2026-04-15',
      description: 'Verlegde btw',
      journalCode: 'INK',
      lines: [
        { accountCode: '7100', debit: '200.00', vatCode: 'IVERL' },
        { accountCode: '1600', credit: '200.00', reference: 'INK-77' },
      ],
    });
    expect(reverse.userErrors).toEqual([]);

    const xml = await auditFile(books);
    expect(await validate(xml)).toEqual({ valid: true, errors: [] });
    const doc = read(xml);

    expect(doc.auditfile.company.customersSuppliers?.customerSupplier).toEqual(
      [
        {
          custSupID: a.number,
          custSupName: 'Cafe Centraal & Zn',
          commerceNr: '87654321',
          taxRegistrationCountry: 'NL',
          taxRegIdent: 'NL123456782B01',
          custSupTp: 'C',
          streetAddress: {
            streetname: 'Kerkweg 2',
            city: 'Amersfoort',
            postalCode: '3811 AB',
            country: 'NL',
          },
        },
        {
          custSupID: b.number,
          custSupName: 'Konditorei Müller GmbH',
          taxRegistrationCountry: 'DE',
          taxRegIdent: 'DE123456789',
          custSupTp: 'C',
          streetAddress: {
            streetname: 'Hauptstraße 5',
            city: 'Berlin',
            postalCode: '10115',
            country: 'DE',
          },
        },
      ].sort((x, y) => (x.custSupID < y.custSupID ? -1 : 1)),
    );

    const sales = transactions(doc, 'VRK');
    const view = (l: TrLine) => [l.accID, l.amnt, l.amntTp, l.custSupID, l.invRef, l.vat];
    const vat = (vatID: string, vatPerc: string, vatAmnt: string, vatAmntTp: string) => [
      { vatID, vatPerc, vatAmnt, vatAmntTp },
    ];
    expect(sales.map((t) => t.trLine.map(view))).toEqual([
      [
        ['1300', '175.50', 'D', a.number, invoiceA.number, undefined],
        ['8000', '100.00', 'C', a.number, invoiceA.number, vat('V21', '21.00', '21.00', 'C')],
        ['1500', '21.00', 'C', a.number, invoiceA.number, vat('V21', '21.00', '21.00', 'C')],
        ['8010', '50.00', 'C', a.number, invoiceA.number, vat('V9', '9.00', '4.50', 'C')],
        ['1500', '4.50', 'C', a.number, invoiceA.number, vat('V9', '9.00', '4.50', 'C')],
      ],
      [
        ['1300', '121.00', 'D', b.number, invoiceB.number, undefined],
        ['8000', '100.00', 'C', b.number, invoiceB.number, vat('V21', '21.00', '21.00', 'C')],
        ['1500', '21.00', 'C', b.number, invoiceB.number, vat('V21', '21.00', '21.00', 'C')],
      ],
    ]);

    // The payment's lines name the customer of the invoice they settle.
    const payment = doc.auditfile.company.transactions.journal
      .flatMap((j) => j.transaction ?? [])
      .find((t) => t.desc === `Betaling factuur ${invoiceA.number}`)!;
    expect(payment.trLine.map((l) => [l.accID, l.amntTp, l.custSupID, l.invRef])).toEqual([
      ['1100', 'D', a.number, invoiceA.number],
      ['1300', 'C', a.number, invoiceA.number],
    ]);

    // Reverse charge: the entered line carries both sides, each VAT line its own; no customer.
    const purchase = transactions(doc, 'INK').find((t) => t.desc === 'Verlegde btw')!;
    expect(purchase.trLine.map(view)).toEqual([
      [
        '7100',
        '200.00',
        'D',
        undefined,
        undefined,
        [
          { vatID: 'IVERL', vatPerc: '21.00', vatAmnt: '42.00', vatAmntTp: 'C' },
          { vatID: 'IVERL', vatPerc: '21.00', vatAmnt: '42.00', vatAmntTp: 'D' },
        ],
      ],
      ['1500', '42.00', 'C', undefined, undefined, vat('IVERL', '21.00', '42.00', 'C')],
      ['1550', '42.00', 'D', undefined, undefined, vat('IVERL', '21.00', '42.00', 'D')],
      ['1600', '200.00', 'C', undefined, 'INK-77', undefined],
    ]);
  });

  test('an event from before the customer fields (no customer in it) is booked as before; the file stays valid', async () => {
    const books = await invoicingBooks();
    const documentId = randomUUID();
    await kit.publish('invoicing.document-finalized', {
      administrationId: books.administrationId,
      documentId,
      documentType: 'INVOICE',
      number: '2026-0900',
      issueDate: '2026-05-01',
      customerName: 'Oude Klant',
      creditedInvoiceId: null,
      vatTotals: [{ vatCode: 'V21', rate: '21', base: '10.00', vat: '2.10' }],
      totalInclVat: '12.10',
    });
    await booked(books, documentId);
    const xml = await auditFile(books);
    expect(await validate(xml)).toEqual({ valid: true, errors: [] });
    const doc = read(xml);
    expect(doc.auditfile.company.customersSuppliers).toBeUndefined();
    const [invoice] = transactions(doc, 'VRK');
    expect(invoice!.trLine.map((l) => [l.accID, l.custSupID, l.invRef])).toEqual([
      ['1300', undefined, '2026-0900'],
      ['8000', undefined, '2026-0900'],
      ['1500', undefined, '2026-0900'],
    ]);
  });
});
