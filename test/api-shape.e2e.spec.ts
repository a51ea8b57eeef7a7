import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isEnumType } from 'graphql';
import { eventually } from '@kantoor/platform/testing';
import { startTestSystemWithFactories, type TestSystem } from './system';
import type { Factories } from './factories';

/**
 * The schema's shape for client caches and typed clients (issue 16), through the gateway:
 * typed userError codes, ids on what can change, connections, polling filters.
 */
const API_SCHEMA = buildSchema(
  readFileSync(join(__dirname, '..', 'schema', 'api.graphql'), 'utf8'),
);

let system: TestSystem;
let make: Factories;
let token: string;
let administrationId: string;

beforeAll(async () => {
  ({ system, make } = await startTestSystemWithFactories());
  const office = await make.office();
  const admin = await make.user({ officeId: office.id, officeRole: 'ADMIN' });
  token = await make.token(admin.id);
  administrationId = (
    await make.administration({ officeId: office.id, modules: ['LEDGER', 'INVOICING'] })
  ).id;
  await eventually(
    async () => {
      const r = await system.query<{ administration: { accounts: unknown[] | null } }>(
        `query($id: ID!) { administration(id: $id) { accounts { code } } }`,
        { token, variables: { id: administrationId } },
      );
      return (r.data?.administration.accounts?.length ?? 0) > 0 ? true : undefined;
    },
    { what: 'the ledger to open the books' },
  );
});

afterAll(async () => {
  await system?.stop();
});

describe('userError codes as an enum', () => {
  test('codeEnum carries the same value as code, in every subgraph', async () => {
    const r = await system.query<{
      postJournalEntry: { userErrors: { code: string; codeEnum: string }[] };
      createCustomer: { userErrors: { code: string; codeEnum: string }[] };
    }>(
      `mutation($entry: PostJournalEntryInput!, $customer: CreateCustomerInput!) {
        postJournalEntry(input: $entry) { userErrors { code codeEnum } }
        createCustomer(input: $customer) { userErrors { code codeEnum } }
      }`,
      {
        token,
        variables: {
          entry: {
            administrationId,
            date: '2026-03-02',
            description: 'Scheef',
            lines: [
              { accountCode: '1100', debit: '50.00' },
              { accountCode: '1000', credit: '40.00' },
            ],
          },
          customer: { administrationId, name: ' ' },
        },
      },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.postJournalEntry.userErrors).toEqual([
      { code: 'UNBALANCED_ENTRY', codeEnum: 'UNBALANCED_ENTRY' },
    ]);
    expect(r.data?.createCustomer.userErrors).toEqual([
      { code: 'EMPTY_NAME', codeEnum: 'EMPTY_NAME' },
    ]);
  });

  test('a public mutation (tenancy) types its codes too', async () => {
    const r = await system.query<{
      login: { userErrors: { code: string; codeEnum: string }[] };
    }>(
      `mutation { login(input: { email: "nobody@example.test", password: "wrong-password" }) { userErrors { code codeEnum } } }`,
    );
    expect(r.data?.login.userErrors).toEqual([
      { code: 'INVALID_CREDENTIALS', codeEnum: 'INVALID_CREDENTIALS' },
    ]);
  });

  test('the published enum joins every subgraph’s codes, each described', () => {
    const codes = API_SCHEMA.getType('UserErrorCode');
    if (!isEnumType(codes)) throw new Error('UserErrorCode is no enum');
    const names = codes.getValues().map((v) => v.name);
    for (const code of [
      'UNBALANCED_ENTRY', // ledger
      'INVOICE_NOT_DRAFT', // invoicing
      'OUTDATED', // vat
      'NO_PRICE_LIST', // billing
      'INVALID_CREDENTIALS', // tenancy
    ]) {
      expect(names).toContain(code);
    }
    expect(codes.getValues().filter((v) => !v.description)).toEqual([]);
  });
});

describe('ids for client caches', () => {
  test('setVatCodeBlocked returns the VatCode with the id the list has', async () => {
    const list = await system.query<{
      administration: { vatCodes: { id: string; code: string; blocked: boolean }[] };
    }>(`query($id: ID!) { administration(id: $id) { vatCodes { id code blocked } } }`, {
      token,
      variables: { id: administrationId },
    });
    const v21 = list.data!.administration.vatCodes.find((v) => v.code === 'V21')!;
    expect(v21.id).toEqual(expect.any(String));
    const ids = list.data!.administration.vatCodes.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);

    const r = await system.query<{
      setVatCodeBlocked: { vatCode: { id: string; blocked: boolean }; userErrors: unknown[] };
    }>(
      `mutation($input: SetVatCodeBlockedInput!) {
        setVatCodeBlocked(input: $input) { vatCode { id blocked } userErrors { code } }
      }`,
      { token, variables: { input: { administrationId, code: 'V21', blocked: true } } },
    );
    expect(r.data?.setVatCodeBlocked).toEqual({
      vatCode: { id: v21.id, blocked: true },
      userErrors: [],
    });
    await system.query(
      `mutation($input: SetVatCodeBlockedInput!) { setVatCodeBlocked(input: $input) { userErrors { code } } }`,
      { token, variables: { input: { administrationId, code: 'V21', blocked: false } } },
    );
  });

  test('journal entry lines, fiscal years, the ledger status and chart template items have stable ids', async () => {
    const posted = await system.query<{
      postJournalEntry: { entry: { id: string; lines: { id: string }[] } };
    }>(
      `mutation($input: PostJournalEntryInput!) {
        postJournalEntry(input: $input) { entry { id lines { id } } userErrors { code } }
      }`,
      {
        token,
        variables: {
          input: {
            administrationId,
            date: '2026-03-02',
            description: 'Kas naar bank',
            lines: [
              { accountCode: '1100', debit: '50.00' },
              { accountCode: '1000', credit: '50.00' },
            ],
          },
        },
      },
    );
    const entry = posted.data!.postJournalEntry.entry;
    expect(entry.lines.map((l) => l.id)).toEqual([`${entry.id}:1`, `${entry.id}:2`]);

    const q = `query($id: ID!) { administration(id: $id) {
      fiscalYears { id year } ledgerStatus { id draftEntries }
    } kantoorChartTemplate { id accounts { id code } vatCodes { id } journals { id } } }`;
    const first = await system.query<{
      administration: { fiscalYears: { id: string; year: number }[]; ledgerStatus: { id: string } };
      kantoorChartTemplate: { id: string; accounts: { id: string; code: string }[] };
    }>(q, { token, variables: { id: administrationId } });
    expect(first.errors).toBeUndefined();
    const again = await system.query(q, { token, variables: { id: administrationId } });
    expect(again.data).toEqual(first.data);
    const year = first.data!.administration.fiscalYears.find((y) => y.year === 2026)!;
    expect(year.id).toEqual(expect.any(String));
    expect(first.data!.administration.ledgerStatus.id).toBe(administrationId);
    const template = first.data!.kantoorChartTemplate;
    const ids = template.accounts.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('statuses, settings, access and billing objects have ids', async () => {
    const r = await system.query<{
      me: {
        office: {
          id: string;
          usage: { id: string };
          billingPreview: { id: string };
          accessAudit: { edges: { node: { id: string } }[] };
        };
      };
      administration: {
        invoicingStatus: { id: string };
        vatStatus: { id: string };
        access: { id: string }[];
      };
      priceList: { id: string };
    }>(
      `query($id: ID!) {
        me { office { id usage { id } billingPreview { id } accessAudit(first: 5) { edges { node { id } } } } }
        administration(id: $id) { invoicingStatus { id } vatStatus { id } access { id } }
        priceList { id }
      }`,
      { token, variables: { id: administrationId } },
    );
    expect(r.errors).toBeUndefined();
    const office = r.data!.me.office;
    expect(office.usage.id).toBe(office.id);
    expect(office.billingPreview.id).toMatch(new RegExp(`^${office.id}:\\d{4}-\\d{2}:preview$`));
    expect(r.data!.administration.invoicingStatus.id).toBe(administrationId);
    expect(r.data!.administration.vatStatus.id).toBe(administrationId);
    for (const entry of r.data!.administration.access) {
      expect(entry.id).toMatch(new RegExp(`^${administrationId}:`));
    }
    expect(r.data!.priceList.id).toEqual(expect.any(String));
  });
});

describe('updatedSince: polling for changes', () => {
  const post = async (description: string) => {
    const r = await system.query<{
      postJournalEntry: { entry: { id: string; postedAt: string } };
    }>(
      `mutation($input: PostJournalEntryInput!) {
        postJournalEntry(input: $input) { entry { id postedAt } userErrors { code } }
      }`,
      {
        token,
        variables: {
          input: {
            administrationId,
            date: '2026-04-01',
            description,
            lines: [
              { accountCode: '1100', debit: '10.00' },
              { accountCode: '1000', credit: '10.00' },
            ],
          },
        },
      },
    );
    return r.data!.postJournalEntry.entry;
  };
  const entriesSince = async (since: string) => {
    const r = await system.query<{
      administration: { journalEntries: { totalCount: number; edges: { node: { id: string } }[] } };
    }>(
      `query($id: ID!, $since: DateTime) { administration(id: $id) {
        journalEntries(updatedSince: $since) { totalCount edges { node { id } } } } }`,
      { token, variables: { id: administrationId, since } },
    );
    expect(r.errors).toBeUndefined();
    const page = r.data!.administration.journalEntries;
    expect(page.totalCount).toBe(page.edges.length);
    return page.edges.map((e) => e.node.id).sort();
  };

  test('journalEntries(updatedSince) returns the entries posted at or after the instant', async () => {
    const a = await post('Eerste');
    const b = await post('Tweede');
    expect(await entriesSince(b.postedAt)).toEqual([b.id]);
    expect(await entriesSince(a.postedAt)).toEqual([a.id, b.id].sort());
    expect(await entriesSince(new Date(Date.parse(b.postedAt) + 1000).toISOString())).toEqual([]);
  });

  test('invoices(filter: { updatedSince }) returns the invoices changed at or after the instant', async () => {
    const customer = await system.query<{ createCustomer: { customer: { id: string } } }>(
      `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`,
      { token, variables: { input: { administrationId, name: 'Bakkerij Jansen' } } },
    );
    const customerId = customer.data!.createCustomer.customer.id;
    const create = async (reference: string) => {
      const r = await system.query<{
        createInvoice: { invoice: { id: string; updatedAt: string } };
      }>(
        `mutation($input: CreateInvoiceInput!) {
          createInvoice(input: $input) { invoice { id updatedAt } userErrors { code } }
        }`,
        {
          token,
          variables: {
            input: {
              administrationId,
              customerId,
              reference,
              lines: [{ description: 'Brood', quantity: '1', unitPrice: '10.00', vatCode: 'V9' }],
            },
          },
        },
      );
      return r.data!.createInvoice.invoice;
    };
    const since = async (instant: string) => {
      const r = await system.query<{
        administration: { invoices: { edges: { node: { id: string } }[] } };
      }>(
        `query($id: ID!, $since: DateTime) { administration(id: $id) {
          invoices(filter: { updatedSince: $since }) { edges { node { id } } } } }`,
        { token, variables: { id: administrationId, since: instant } },
      );
      expect(r.errors).toBeUndefined();
      return r.data!.administration.invoices.edges.map((e) => e.node.id).sort();
    };
    const x = await create('X');
    const y = await create('Y');
    expect(await since(y.updatedAt)).toEqual([y.id]);
    const updated = await system.query<{
      updateInvoice: { invoice: { updatedAt: string }; userErrors: unknown[] };
    }>(
      `mutation($input: UpdateInvoiceInput!) {
        updateInvoice(input: $input) { invoice { updatedAt } userErrors { code } }
      }`,
      { token, variables: { input: { administrationId, invoiceId: x.id, reference: 'X2' } } },
    );
    expect(updated.data!.updateInvoice.userErrors).toEqual([]);
    expect(Date.parse(updated.data!.updateInvoice.invoice.updatedAt)).toBeGreaterThan(
      Date.parse(x.updatedAt),
    );
    expect(await since(y.updatedAt)).toEqual([x.id, y.id].sort());
  });
});
