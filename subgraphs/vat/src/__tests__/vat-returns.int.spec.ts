import { eventually } from '@kantoor/platform/testing';
import { isOpenActionsReport } from '@kantoor/platform';
import { filingSubscriptions } from '../modules/filing/filing.events';
import {
  book,
  makeBooks,
  MUTATION,
  RETURN_FIELDS,
  startVatKit,
  todayUtc,
  userWith,
  type Booking,
  type Books,
  type UserErrorData,
  type VatKit,
} from './vat-kit';

let kit: VatKit;
beforeAll(async () => {
  kit = await startVatKit();
});
afterAll(async () => {
  await kit?.stop();
});

interface BoxData {
  box: string;
  turnover: string | null;
  vat: string | null;
}
interface ReturnData {
  id: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  status: string;
  totalDue: string;
  outdated: boolean;
  overdue: boolean;
  boxes: BoxData[];
  history: { status: string; at: string; by: { id: string } | null; note: string | null }[];
  corrections: { period: string; netVat: string }[];
  difference: { netVat: string; handling: string; carriedInto: string | null } | null;
}
interface PayloadData {
  vatReturn: ReturnData | null;
  userErrors: UserErrorData[];
}

const RETURN = `query($id: ID!, $period: String!) { administration(id: $id) { vatReturn(period: $period) { ${RETURN_FIELDS} } } }`;

async function vatReturn(books: Books, period: string, token = books.adminToken) {
  const r = await kit.gql<{ administration: { vatReturn: ReturnData | null } | null }>(
    token,
    RETURN,
    {
      id: books.administrationId,
      period,
    },
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.administration!.vatReturn;
}

async function step(
  name: string,
  books: Books,
  period: string,
  token = books.adminToken,
  note?: string,
) {
  const input = { administrationId: books.administrationId, period, ...(note ? { note } : {}) };
  return kit.gql<Record<string, PayloadData>>(
    token,
    MUTATION(name, name === 'prepareVatReturn' ? 'VatReturnInput' : 'VatReturnNoteInput'),
    { input },
  );
}

const boxMap = (boxes: BoxData[]) =>
  Object.fromEntries(boxes.map((b) => [b.box, [b.turnover, b.vat]]));

/**
 * The hand-computed quarter (2026-Q1): every default VAT code, credit notes, cents that round
 * either way, a reversal, a booking without VAT and bookings just outside the quarter. The
 * "vat" column is what the ledger adds per line (net x rate, half up to the cent).
 */
const SALES: Booking[] = [
  { date: '2026-01-05', vatCode: 'V21', net: '1000.00', vat: '210.00' },
  { date: '2026-01-06', vatCode: 'V21', net: '250.55', vat: '52.62' }, // 52.6155
  { date: '2026-01-07', vatCode: 'V21', net: '100.00', vat: '21.00', credit: true },
  { date: '2026-01-08', vatCode: 'V9', net: '500.00', vat: '45.00' },
  { date: '2026-01-09', vatCode: 'V9', net: '333.33', vat: '30.00' }, // 29.9997
  { date: '2026-01-10', vatCode: 'V0', net: '400.00', vat: '0.00' },
  { date: '2026-01-11', vatCode: 'V0', net: '99.99', vat: '0.00' },
  { date: '2026-01-12', vatCode: 'VPRIV', net: '120.00', vat: '25.20' },
  { date: '2026-01-13', vatCode: 'VEX', net: '800.00', vat: '0.00' },
  { date: '2026-01-14', vatCode: 'VEX', net: '50.50', vat: '0.00' },
  { date: '2026-01-15', vatCode: 'VEU', net: '1500.00', vat: '0.00' },
  { date: '2026-01-16', vatCode: 'VEU', net: '200.00', vat: '0.00', credit: true },
  { date: '2026-01-17', vatCode: 'VDIST', net: '300.00', vat: '0.00' },
  { date: '2026-01-18', vatCode: 'VVRIJ', net: '700.00', vat: '0.00' }, // exempt: in no box
  { date: '2026-02-01', vatCode: 'V21', net: '2000.00', vat: '420.00' },
  { date: '2026-02-02', vatCode: 'V21', net: '0.99', vat: '0.21' }, // 0.2079
  { date: '2026-02-03', vatCode: 'V9', net: '33.33', vat: '3.00', credit: true }, // 2.9997
  { date: '2026-03-31', vatCode: 'V21', net: '10.00', vat: '2.10' }, // last day: in
];
const PURCHASES: Booking[] = [
  { date: '2026-02-10', vatCode: 'I21', net: '400.00', vat: '84.00' },
  { date: '2026-02-11', vatCode: 'I21', net: '99.99', vat: '21.00' }, // 20.9979
  { date: '2026-02-12', vatCode: 'I21', net: '50.00', vat: '10.50', credit: true },
  { date: '2026-02-13', vatCode: 'I9', net: '200.00', vat: '18.00' },
  { date: '2026-02-14', vatCode: 'I9', net: '10.01', vat: '0.90' }, // 0.9009
  { date: '2026-02-15', vatCode: 'IVERL', net: '1000.00', vat: '210.00', reverseCharge: true },
  { date: '2026-02-16', vatCode: 'IVERL', net: '45.45', vat: '9.54', reverseCharge: true }, // 9.5445
  { date: '2026-02-17', vatCode: 'INEU', net: '600.00', vat: '126.00', reverseCharge: true },
  { date: '2026-02-18', vatCode: 'INEU9', net: '300.00', vat: '27.00', reverseCharge: true },
  { date: '2026-02-19', vatCode: 'IEU', net: '800.00', vat: '168.00', reverseCharge: true },
  { date: '2026-02-20', vatCode: 'IEU9', net: '100.00', vat: '9.00', reverseCharge: true },
  { date: '2026-02-21', vatCode: 'IEU', net: '19.99', vat: '4.20', reverseCharge: true }, // 4.1979
];

/**
 * By hand (2026-Q1):
 * 1a 1000 + 250.55 - 100 + 2000 + 0.99 + 10 = 3161.54 -> 3161; VAT 210 + 52.62 - 21 + 420 + 0.21 + 2.10 = 663.93 -> 663
 * 1b 500 + 333.33 - 33.33 = 800.00 -> 800; VAT 45 + 30 - 3 = 72.00 -> 72
 * 1d 120 -> 120; VAT 25.20 -> 25;   1e 400 + 99.99 = 499.99 -> 499
 * 2a 1000 + 45.45 = 1045.45 -> 1045; VAT 210 + 9.54 = 219.54 -> 219
 * 3a 850.50 -> 850;  3b 1500 - 200 = 1300;  3c 300
 * 4a 600 + 300 = 900; VAT 126 + 27 = 153;  4b 800 + 100 + 19.99 = 919.99 -> 919; VAT 168 + 9 + 4.20 = 181.20 -> 181
 * 5a 663 + 72 + 25 + 219 + 153 + 181 = 1313
 * 5b I21 84 + 21 - 10.50 = 94.50; I9 18.90; reverse charge 553.74; 667.14 -> 668 (up)
 * 5c = 5g = 1313 - 668 = 645
 */
const EXPECTED_Q1 = {
  '1a': ['3161.00', '663.00'],
  '1b': ['800.00', '72.00'],
  '1c': ['0.00', '0.00'],
  '1d': ['120.00', '25.00'],
  '1e': ['499.00', null],
  '2a': ['1045.00', '219.00'],
  '3a': ['850.00', null],
  '3b': ['1300.00', null],
  '3c': ['300.00', null],
  '4a': ['900.00', '153.00'],
  '4b': ['919.00', '181.00'],
  '5a': [null, '1313.00'],
  '5b': [null, '668.00'],
  '5c': [null, '645.00'],
  '5g': [null, '645.00'],
};

describe('a quarter of bookings with every default VAT code', () => {
  let b: Books;
  let member: { id: string; token: string };
  let client: { id: string; token: string };

  beforeAll(async () => {
    b = await makeBooks(kit, {
      name: 'Bakkerij de Vries',
      kind: 'INTERNAL_WITH_CLIENT_LOGIN',
      clientModules: ['LEDGER'],
    });
    member = await userWith(kit, b, ['VAT_READ', 'VAT_SUBMIT', 'LEDGER_READ']);
    client = await userWith(kit, b, ['VAT_READ'], 'CLIENT');
    for (const s of SALES) expect(await book(kit, b, s, 'SALES')).toHaveProperty('id');
    for (const p of PURCHASES) expect(await book(kit, b, p, 'PURCHASES')).toHaveProperty('id');
    // A sale and its reversal (tegenboeking): nets to nothing.
    const sale = (await book(
      kit,
      b,
      { date: '2026-03-01', vatCode: 'V21', net: '500.00', vat: '105.00' },
      'SALES',
    )) as {
      id: string;
    };
    const rev = await kit.gql<{ reverseJournalEntry: { userErrors: UserErrorData[] } }>(
      b.adminToken,
      `mutation($input: ReverseJournalEntryInput!) { reverseJournalEntry(input: $input) { userErrors { code } } }`,
      { input: { administrationId: b.administrationId, entryId: sale.id } },
    );
    expect(rev.data!.reverseJournalEntry.userErrors).toEqual([]);
    // Without VAT, and just outside the quarter on both sides.
    await book(kit, b, { date: '2026-03-02', vatCode: null, net: '500.00', vat: '0.00' }, 'NONE');
    await book(
      kit,
      b,
      { date: '2026-04-01', vatCode: 'V21', net: '100.00', vat: '21.00' },
      'SALES',
    );
    await book(kit, b, { date: '2025-12-31', vatCode: 'V21', net: '10.00', vat: '2.10' }, 'SALES');
  });

  test("boxes 1a-5g match the hand computation (whole euros in the filer's favour)", async () => {
    // The last bookings (2026-Q2, 2025-Q4) are projected last.
    await eventually(
      async () => {
        const q4 = await vatReturn(b, '2025-Q4');
        return q4 && boxMap(q4.boxes)['1a']![0] === '10.00' ? true : undefined;
      },
      { what: 'the VAT projection to hold every booking', timeoutMs: 60_000 },
    );
    const r = (await vatReturn(b, '2026-Q1'))!;
    expect(boxMap(r.boxes)).toEqual(EXPECTED_Q1);
    expect(r.totalDue).toBe('645.00');
    expect(r).toMatchObject({
      period: '2026-Q1',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      dueDate: '2026-04-30',
      status: 'OPEN',
      outdated: false,
      history: [],
    });
    expect(r.overdue).toBe(todayUtc() > '2026-04-30');
    const q2 = await vatReturn(b, '2026-Q2');
    expect(boxMap(q2!.boxes)['1a']).toEqual(['100.00', '21.00']);
    expect(q2!.dueDate).toBe('2026-07-31');
    const q4 = await vatReturn(b, '2025-Q4');
    expect(boxMap(q4!.boxes)['1a']).toEqual(['10.00', '2.00']);
    expect(q4!.dueDate).toBe('2026-01-31');
  });

  test('vatReturns: every quarter from the first booking to the current one, newest first; nil returns included', async () => {
    const r = await kit.gql<{
      administration: { vatReturns: { period: string; totalDue: string }[] };
    }>(
      b.adminToken,
      `query($id: ID!) { administration(id: $id) { vatReturns { period totalDue } } }`,
      { id: b.administrationId },
    );
    const periods = r.data!.administration.vatReturns.map((x) => x.period);
    expect(periods[periods.length - 1]).toBe('2025-Q4');
    expect(periods.slice(-3)).toEqual(['2026-Q2', '2026-Q1', '2025-Q4']);
    const now = todayUtc();
    expect(periods[0]).toBe(
      `${now.slice(0, 4)}-Q${Math.floor((Number(now.slice(5, 7)) - 1) / 3) + 1}`,
    );
    const y2025 = await kit.gql<{ administration: { vatReturns: { period: string }[] } }>(
      b.adminToken,
      `query($id: ID!) { administration(id: $id) { vatReturns(year: 2025) { period } q3: vatReturn(period: "2026-Q3") { totalDue boxes { box vat } } bad: vatReturn(period: "2026-03") { period } } }`,
      { id: b.administrationId },
    );
    expect(y2025.data!.administration.vatReturns).toEqual([{ period: '2025-Q4' }]);
    const admin = y2025.data!.administration as unknown as {
      q3: { totalDue: string } | null;
      bad: unknown;
    };
    if (now > '2026-07-01') expect(admin.q3!.totalDue).toBe('0.00'); // a nil return
    expect(admin.bad).toBeNull();
  });

  test('the workflow: prepare, outdated, request approval, client approves, submit once, ACCEPTED, period locked', async () => {
    // Wrong states first.
    const codes = (r: { data?: Record<string, PayloadData> | null }, name: string) =>
      r.data![name]!.userErrors.map((e) => e.code);
    expect(
      codes(await step('requestVatApproval', b, '2026-Q1', member.token), 'requestVatApproval'),
    ).toEqual(['NOT_PREPARED']);
    expect(
      codes(await step('submitVatReturn', b, '2026-Q1', member.token), 'submitVatReturn'),
    ).toEqual(['NOT_PREPARED']);
    expect(
      codes(await step('approveVatReturn', b, '2026-Q1', client.token), 'approveVatReturn'),
    ).toEqual(['NOT_AWAITING_APPROVAL']);
    expect(
      codes(await step('prepareVatReturn', b, '2026-03', member.token), 'prepareVatReturn'),
    ).toEqual(['INVALID_PERIOD']);
    const now = todayUtc();
    const current = `${now.slice(0, 4)}-Q${Math.floor((Number(now.slice(5, 7)) - 1) / 3) + 1}`;
    expect(
      codes(await step('prepareVatReturn', b, current, member.token), 'prepareVatReturn'),
    ).toEqual(['PERIOD_NOT_ENDED']);

    const prepared = await step('prepareVatReturn', b, '2026-Q1', member.token);
    expect(prepared.data!.prepareVatReturn!.userErrors).toEqual([]);
    expect(prepared.data!.prepareVatReturn!.vatReturn).toMatchObject({
      status: 'PREPARED',
      outdated: false,
    });
    expect(boxMap(prepared.data!.prepareVatReturn!.vatReturn!.boxes)).toEqual(EXPECTED_Q1);

    // A booking of the period after preparing: outdated within seconds; the boxes stay frozen.
    await book(
      kit,
      b,
      { date: '2026-03-15', vatCode: 'V21', net: '1000.00', vat: '210.00' },
      'SALES',
    );
    const outdated = await eventually(
      async () => {
        const r = await vatReturn(b, '2026-Q1');
        return r?.outdated ? r : undefined;
      },
      { what: 'outdated' },
    );
    expect(boxMap(outdated.boxes)).toEqual(EXPECTED_Q1);
    expect(
      codes(await step('submitVatReturn', b, '2026-Q1', member.token), 'submitVatReturn'),
    ).toEqual(['OUTDATED']);
    const again = await step('prepareVatReturn', b, '2026-Q1', member.token);
    expect(again.data!.prepareVatReturn!.vatReturn).toMatchObject({
      status: 'PREPARED',
      outdated: false,
      totalDue: '855.00',
    });

    const requested = await step('requestVatApproval', b, '2026-Q1', member.token, 'Graag akkoord');
    expect(requested.data!.requestVatApproval!.vatReturn!.status).toBe('AWAITING_APPROVAL');
    expect(
      codes(await step('submitVatReturn', b, '2026-Q1', member.token), 'submitVatReturn'),
    ).toEqual(['AWAITING_APPROVAL']);
    // A staff member who is no office ADMIN may not approve, even with VAT rights.
    const byMember = await step('approveVatReturn', b, '2026-Q1', member.token);
    expect(byMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const approved = await step('approveVatReturn', b, '2026-Q1', client.token, 'Akkoord');
    expect(approved.data!.approveVatReturn!.vatReturn!.status).toBe('APPROVED');

    // Two concurrent submits: one files, the other is told it was filed already.
    const [s1, s2] = await Promise.all([
      step('submitVatReturn', b, '2026-Q1', member.token),
      step('submitVatReturn', b, '2026-Q1', b.adminToken),
    ]);
    const results = [s1, s2].map((s) => s.data!.submitVatReturn!);
    expect(results.map((r) => r.userErrors.map((e) => e.code)).sort()).toEqual([
      [],
      ['ALREADY_SUBMITTED'],
    ]);
    const filings = await kit.system.subgraphs.vat.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM vat.filings WHERE administration_id = $1 AND period = '2026-Q1'`,
      [b.administrationId],
    );
    expect(filings[0].n).toBe(1);

    const accepted = await eventually(
      async () => {
        const r = await vatReturn(b, '2026-Q1');
        return r?.status === 'ACCEPTED' ? r : undefined;
      },
      { what: 'the filing adapter to answer' },
    );
    expect(accepted.history.map((h) => [h.status, h.by?.id ?? null, h.note])).toEqual([
      ['PREPARED', member.id, null],
      ['PREPARED', member.id, null],
      ['AWAITING_APPROVAL', member.id, 'Graag akkoord'],
      ['APPROVED', client.id, 'Akkoord'],
      ['SUBMITTED', expect.any(String), null],
      ['ACCEPTED', null, expect.stringMatching(/^recording: REC-/)],
    ]);
    expect(accepted.overdue).toBe(false);
    const xbrl = await kit.gql<{ administration: { vatReturn: { xbrl: string } } }>(
      b.adminToken,
      `query($id: ID!) { administration(id: $id) { vatReturn(period: "2026-Q1") { xbrl } } }`,
      { id: b.administrationId },
    );
    const instance = xbrl.data!.administration.vatReturn.xbrl;
    expect(instance).toContain(
      '<xbrli:identifier scheme="www.belastingdienst.nl/omzetbelastingnummer">123456789B01</xbrli:identifier>',
    );
    expect(instance).toContain('<xbrli:startDate>2026-01-01</xbrli:startDate>');
    expect(instance).toMatch(
      /<bd-i:TaxedTurnoverSuppliesServicesGeneralTariff contextRef="Msg" decimals="INF" unitRef="EUR">4161<\//,
    );
    expect(instance).toMatch(
      /<bd-i:ValueAddedTaxOwedToBePaidBack contextRef="Msg" decimals="INF" unitRef="EUR">855<\//,
    );
    expect(
      codes(await step('prepareVatReturn', b, '2026-Q1', member.token), 'prepareVatReturn'),
    ).toEqual(['ALREADY_SUBMITTED']);

    // The ledger locked the filed quarter: a posting into it is refused.
    const locked = await eventually(
      async () => {
        const r = await book(
          kit,
          b,
          { date: '2026-02-01', vatCode: 'V21', net: '10.00', vat: '2.10' },
          'SALES',
        );
        return Array.isArray(r) ? r : undefined;
      },
      { what: 'the ledger to lock the period' },
    );
    expect(locked.map((e) => e.code)).toEqual(['PERIOD_LOCKED']);
  });

  test('a difference on a filed return: up to EUR 1,000 carried into the next return; above: suppletie', async () => {
    // A booking reached the filed period (e.g. in flight while the lock was set): the ledger's
    // event, as the ledger publishes it.
    const entryPosted = (entryId: string, base: string, vat: string) =>
      kit.publish('ledger.entry-posted', {
        administrationId: b.administrationId,
        entryId,
        entryNumber: '2026-999999',
        date: '2026-03-20',
        reversesEntryId: null,
        vatLines: [
          {
            lineNo: 1,
            vatCode: 'V21',
            turnoverBox: '1a',
            vatBox: '1a',
            rate: '21.00',
            base,
            vat,
            side: 'CREDIT',
            direction: 'SALES',
            reverseCharge: false,
          },
        ],
      });
    await entryPosted('00000000-0000-4000-8000-000000000001', '100.00', '21.00');
    const q1 = await eventually(
      async () => {
        const r = await vatReturn(b, '2026-Q1');
        return r?.difference ? r : undefined;
      },
      { what: 'the difference' },
    );
    expect(q1.difference).toEqual({
      netVat: '21.00',
      handling: 'NEXT_RETURN',
      carriedInto: '2026-Q2',
    });
    expect(q1.status).toBe('ACCEPTED');
    const q2 = await vatReturn(b, '2026-Q2');
    expect(q2!.corrections).toEqual([{ period: '2026-Q1', netVat: '21.00' }]);
    // Q2's own 100.00 + the carried 100.00 in 1a.
    expect(boxMap(q2!.boxes)['1a']).toEqual(['200.00', '42.00']);

    await entryPosted('00000000-0000-4000-8000-000000000002', '10000.00', '2100.00');
    const big = await eventually(
      async () => {
        const r = await vatReturn(b, '2026-Q1');
        return r?.difference?.handling === 'SUPPLETIE' ? r : undefined;
      },
      { what: 'a suppletie' },
    );
    expect(big.difference).toEqual({ netVat: '2121.00', handling: 'SUPPLETIE', carriedInto: null });
    const q2after = await vatReturn(b, '2026-Q2');
    expect(q2after!.corrections).toEqual([]);

    // The suppletie: prepared with the difference per box, submitted, answered by the adapter;
    // once filed, the difference is settled.
    const SUPPLETIE = (name: string, input: string) => `mutation($input: ${input}!) {
      ${name}(input: $input) { suppletie { number status netVat boxes { box turnover vat } history { status by { id } note } }
        userErrors { field code } } }`;
    type SuppletieData = Record<
      string,
      {
        suppletie: {
          number: number;
          status: string;
          netVat: string;
          boxes: BoxData[];
          history: { status: string; by: { id: string } | null; note: string | null }[];
        } | null;
        userErrors: UserErrorData[];
      }
    >;
    const input = { administrationId: b.administrationId, period: '2026-Q1' };
    const notFiled = await kit.gql<SuppletieData>(
      member.token,
      SUPPLETIE('prepareVatSuppletie', 'VatReturnInput'),
      {
        input: { ...input, period: '2026-Q2' },
      },
    );
    expect(notFiled.data!.prepareVatSuppletie!.userErrors.map((e) => e.code)).toEqual([
      'NOT_SUBMITTED',
    ]);
    const early = await kit.gql<SuppletieData>(
      member.token,
      SUPPLETIE('submitVatSuppletie', 'VatReturnNoteInput'),
      { input },
    );
    expect(early.data!.submitVatSuppletie!.userErrors.map((e) => e.code)).toEqual(['NOT_PREPARED']);
    const denied = await kit.gql<SuppletieData>(
      client.token,
      SUPPLETIE('prepareVatSuppletie', 'VatReturnInput'),
      { input },
    );
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const prepared = await kit.gql<SuppletieData>(
      member.token,
      SUPPLETIE('prepareVatSuppletie', 'VatReturnInput'),
      { input },
    );
    const s1 = prepared.data!.prepareVatSuppletie!.suppletie!;
    expect(s1).toMatchObject({ number: 1, status: 'PREPARED', netVat: '2121.00' });
    expect(boxMap(s1.boxes)['1a']).toEqual(['10100.00', '2121.00']);
    const submitted = await kit.gql<SuppletieData>(
      member.token,
      SUPPLETIE('submitVatSuppletie', 'VatReturnNoteInput'),
      {
        input: { ...input, note: 'Suppletie Q1' },
      },
    );
    expect(submitted.data!.submitVatSuppletie!.suppletie).toMatchObject({
      number: 1,
      status: 'SUBMITTED',
    });
    const settled = await eventually(
      async () => {
        const r = await kit.gql<{
          administration: {
            vatReturn: {
              difference: unknown;
              suppleties: { status: string; history: { status: string }[] }[];
            };
          };
        }>(
          b.adminToken,
          `query($id: ID!) { administration(id: $id) { vatReturn(period: "2026-Q1") { difference { netVat } suppleties { status history { status } } } } }`,
          { id: b.administrationId },
        );
        const v = r.data!.administration.vatReturn;
        return v.suppleties[0]?.status === 'ACCEPTED' ? v : undefined;
      },
      { what: 'the suppletie to be answered' },
    );
    expect(settled.difference).toBeNull();
    expect(settled.suppleties[0]!.history.map((h) => h.status)).toEqual([
      'PREPARED',
      'SUBMITTED',
      'ACCEPTED',
    ]);
    const none = await kit.gql<SuppletieData>(
      member.token,
      SUPPLETIE('prepareVatSuppletie', 'VatReturnInput'),
      { input },
    );
    expect(none.data!.prepareVatSuppletie!.userErrors.map((e) => e.code)).toEqual([
      'NO_SUPPLETIE_NEEDED',
    ]);
    // The return's own history is untouched by its suppletie.
    expect((await vatReturn(b, '2026-Q1'))!.history.map((h) => h.status).slice(-1)).toEqual([
      'ACCEPTED',
    ]);
  });

  test('vatStatus: the oldest return to file, counts of open and overdue returns', async () => {
    const r = await kit.gql<{
      administration: {
        vatStatus: { nextReturn: { period: string }; openReturns: number; overdueReturns: number };
      };
    }>(
      b.adminToken,
      `query($id: ID!) { administration(id: $id) { vatStatus { nextReturn { period } openReturns overdueReturns } } }`,
      { id: b.administrationId },
    );
    expect(r.data!.administration.vatStatus.nextReturn.period).toBe('2025-Q4');
    expect(r.data!.administration.vatStatus.openReturns).toBeGreaterThanOrEqual(2);
    expect(r.data!.administration.vatStatus.overdueReturns).toBeGreaterThanOrEqual(2);
  });

  test('permissions: VAT_READ to see, VAT_SUBMIT to prepare; OPS and other rights get nothing', async () => {
    const reader = await userWith(kit, b, ['VAT_READ']);
    const ledgerOnly = await userWith(kit, b, ['LEDGER_READ', 'LEDGER_WRITE']);
    const ops = await kit.make.user({ kind: 'OPS' });
    const opsToken = await kit.make.token(ops.id);

    expect((await vatReturn(b, '2026-Q2', reader.token))!.period).toBe('2026-Q2');
    const denied = await kit.gql<{
      administration: { vatReturns: unknown; vatStatus: unknown; vatReturn: unknown } | null;
    }>(
      ledgerOnly.token,
      `query($id: ID!) { administration(id: $id) { vatReturns { period } vatStatus { openReturns } vatReturn(period: "2026-Q2") { period } } }`,
      { id: b.administrationId },
    );
    expect(denied.data!.administration).toEqual({
      vatReturns: null,
      vatStatus: null,
      vatReturn: null,
    });
    expect(denied.errors!.map((e) => e.extensions?.code)).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
    ]);

    const before = await kit.system.subgraphs.vat.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM vat.return_events WHERE administration_id = $1`,
      [b.administrationId],
    );
    for (const token of [reader.token, ledgerOnly.token, opsToken]) {
      for (const name of ['prepareVatReturn', 'requestVatApproval', 'submitVatReturn']) {
        const r = await step(name, b, '2025-Q4', token);
        expect([name, r.errors?.[0]?.extensions?.code]).toEqual([name, 'FORBIDDEN']);
      }
    }
    for (const token of [ledgerOnly.token, opsToken]) {
      const r = await step('approveVatReturn', b, '2025-Q4', token);
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const after = await kit.system.subgraphs.vat.runtime.dataSource.query(
      `SELECT count(*)::int AS n FROM vat.return_events WHERE administration_id = $1`,
      [b.administrationId],
    );
    expect(after[0].n).toBe(before[0].n);
    const overview = await kit.gql<{ vatOverview: { totalCount: number } }>(
      opsToken,
      `{ vatOverview { totalCount edges { node { return { period } } } } }`,
    );
    expect(overview.data!.vatOverview.totalCount).toBe(0);
    const ledgerOverview = await kit.gql<{ vatOverview: { totalCount: number } }>(
      ledgerOnly.token,
      `{ vatOverview { totalCount } }`,
    );
    expect(ledgerOverview.data!.vatOverview.totalCount).toBe(0);
    const anonymous = await kit.gql(null, `{ vatOverview { totalCount } }`);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('MISSING_VAT_NUMBER: an administration without a VAT number cannot file', async () => {
    const nn = await makeBooks(kit, { vatNumber: null });
    await book(
      kit,
      nn,
      { date: '2026-01-05', vatCode: 'V21', net: '100.00', vat: '21.00' },
      'SALES',
    );
    await eventually(async () => {
      const r = await vatReturn(nn, '2026-Q1');
      return r?.totalDue === '21.00' ? true : undefined;
    });
    expect(
      (await step('prepareVatReturn', nn, '2026-Q1')).data!.prepareVatReturn!.userErrors,
    ).toEqual([]);
    const r = await step('submitVatReturn', nn, '2026-Q1');
    expect(r.data!.submitVatReturn!.userErrors.map((e) => [e.code, e.field])).toEqual([
      ['MISSING_VAT_NUMBER', ['input', 'administrationId']],
    ]);
  });
});

describe('vatOverview', () => {
  test('rows of every administration with VAT_READ, by due date then name, keyset pages, counts over the filter', async () => {
    const first = await makeBooks(kit, { name: 'Zeeman Bouw', vatFilingPeriod: 'QUARTER' });
    const office = {
      officeId: first.officeId,
      adminId: first.adminId,
      adminToken: first.adminToken,
    };
    const monthly = await makeBooks(kit, {
      office,
      name: 'Aalbers Advies',
      vatFilingPeriod: 'MONTH',
    });
    const yearly = await makeBooks(kit, { office, name: 'Mol Kapsalon', vatFilingPeriod: 'YEAR' });
    for (const x of [first, monthly, yearly])
      await book(
        kit,
        x,
        { date: '2026-01-15', vatCode: 'V21', net: '100.00', vat: '21.00' },
        'SALES',
      );
    await eventually(async () => {
      const [row] = await kit.system.subgraphs.vat.runtime.dataSource.query(
        `SELECT count(*)::int AS n FROM vat.administrations WHERE administration_id = ANY($1) AND first_booking_on = '2026-01-01'::date + 14`,
        [[first.administrationId, monthly.administrationId, yearly.administrationId]],
      );
      return row.n === 3 ? true : undefined;
    });
    expect(
      (await step('prepareVatReturn', first, '2026-Q1')).data!.prepareVatReturn!.userErrors,
    ).toEqual([]);

    type Overview = {
      vatOverview: {
        totalCount: number;
        countsByStatus: { status: string; count: number }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: {
          cursor: string;
          node: {
            administration: { id: string; name: string };
            return: { period: string; dueDate: string; status: string; overdue: boolean };
          };
        }[];
      };
    };
    const OVERVIEW = `query($first: Int, $after: String, $filter: VatOverviewFilter) {
      vatOverview(first: $first, after: $after, filter: $filter) {
        totalCount countsByStatus { status count } pageInfo { hasNextPage endCursor }
        edges { cursor node { administration { id name } return { period dueDate status overdue } } }
      } }`;
    const all = await kit.gql<Overview>(first.adminToken, OVERVIEW, { first: 500 });
    expect(all.errors).toBeUndefined();
    const rows = all.data!.vatOverview.edges.map((e) => e.node);
    const now = todayUtc();
    const months = (Number(now.slice(0, 4)) - 2026) * 12 + Number(now.slice(5, 7));
    const quarters = Math.ceil(months / 3);
    const years = Number(now.slice(0, 4)) - 2025;
    expect(all.data!.vatOverview.totalCount).toBe(months + quarters + years);
    expect(rows.length).toBe(months + quarters + years);
    const keys = rows.map((r) => `${r.return.dueDate}|${r.administration.name.toLowerCase()}`);
    expect(keys).toEqual([...keys].sort());
    expect(rows[0]).toMatchObject({
      administration: { name: 'Aalbers Advies' },
      return: { period: '2026-01', dueDate: '2026-02-28' },
    });
    expect(rows.find((r) => r.administration.name === 'Mol Kapsalon')!.return).toMatchObject({
      period: '2026',
      dueDate: '2027-03-31',
    });
    expect(all.data!.vatOverview.countsByStatus).toEqual(
      expect.arrayContaining([
        { status: 'PREPARED', count: 1 },
        { status: 'OPEN', count: months + quarters + years - 1 },
      ]),
    );

    // Keyset pages of 2 give the same rows.
    const paged: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { data?: Overview | null } = await kit.gql<Overview>(first.adminToken, OVERVIEW, {
        first: 2,
        after,
      });
      paged.push(
        ...page.data!.vatOverview.edges.map(
          (e) => `${e.node.administration.id}:${e.node.return.period}`,
        ),
      );
      expect(page.data!.vatOverview.totalCount).toBe(rows.length);
      if (!page.data!.vatOverview.pageInfo.hasNextPage) break;
      after = page.data!.vatOverview.pageInfo.endCursor;
    }
    expect(paged).toEqual(rows.map((r) => `${r.administration.id}:${r.return.period}`));

    const filtered = await kit.gql<Overview>(first.adminToken, OVERVIEW, {
      filter: { statuses: ['PREPARED'] },
    });
    expect(filtered.data!.vatOverview.edges.map((e) => e.node.return.period)).toEqual(['2026-Q1']);
    const search = await kit.gql<Overview>(first.adminToken, OVERVIEW, {
      filter: { search: 'kapsal', dueBefore: '2027-12-31' },
    });
    expect(search.data!.vatOverview.edges.map((e) => e.node.return.period)).toEqual(['2026']);
    const overdue = await kit.gql<Overview>(first.adminToken, OVERVIEW, {
      first: 500,
      filter: { overdue: true },
    });
    expect(
      overdue.data!.vatOverview.edges.every(
        (e) => e.node.return.overdue && e.node.return.dueDate < now,
      ),
    ).toBe(true);
    expect(overdue.data!.vatOverview.totalCount).toBe(rows.filter((r) => r.return.overdue).length);

    // A member sees only what he was granted VAT_READ on.
    const member = await userWith(kit, monthly, ['VAT_READ']);
    const mine = await kit.gql<Overview>(member.token, OVERVIEW, { first: 500 });
    expect(new Set(mine.data!.vatOverview.edges.map((e) => e.node.administration.id))).toEqual(
      new Set([monthly.administrationId]),
    );
  });

  test('Administration.vatStatus for a page of 100 administrations in one query', async () => {
    const first = await makeBooks(kit, { name: 'Batch 000' });
    const office = {
      officeId: first.officeId,
      adminId: first.adminId,
      adminToken: first.adminToken,
    };
    const ids = [first.administrationId];
    for (let i = 1; i < 100; i++) {
      const a = await kit.make.administration({
        officeId: office.officeId,
        name: `Batch ${String(i).padStart(3, '0')}`,
      });
      ids.push(a.id);
    }
    await eventually(
      async () => {
        const [row] = await kit.system.subgraphs.vat.runtime.dataSource.query(
          `SELECT count(*)::int AS n FROM vat.administrations WHERE administration_id = ANY($1)`,
          [ids],
        );
        return row.n === 100 ? true : undefined;
      },
      { what: '100 administrations in the VAT projection', timeoutMs: 150_000 },
    );
    // Every statement the VAT subgraph runs for the page (the permission loader's included).
    const vatDb = kit.system.subgraphs.vat.runtime.dataSource;
    const statements = jest.spyOn(vatDb, 'query');
    const r = await kit.gql<{
      administrations: {
        edges: {
          node: {
            id: string;
            vatStatus: { openReturns: number; nextReturn: { period: string; totalDue: string } };
          };
        }[];
      };
    }>(
      first.adminToken,
      `{ administrations(first: 100, filter: { search: "Batch" }) { edges { node { id vatStatus { openReturns overdueReturns nextReturn { period totalDue } } } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.administrations.edges).toHaveLength(100);
    expect(r.data!.administrations.edges.every((e) => e.node.vatStatus.nextReturn !== null)).toBe(
      true,
    );
    // The viewer with its permissions (one statement), administrations, returns, and the live sums
    // of the 100 next returns: one statement each, whatever the page size.
    // (The dashboard's background reporter shares the data source; its statements are not this request's.)
    expect(
      statements.mock.calls.filter(([sql, , runner]) => !isOpenActionsReport(sql, runner)),
    ).toHaveLength(4);
    statements.mockRestore();
  }, 240_000);
});

describe('filing answers, office ADMIN approval, Opgaaf ICP', () => {
  test('an office ADMIN approves; a REJECTED answer is recorded and the return can be prepared again', async () => {
    const b = await makeBooks(kit);
    const member = await userWith(kit, b, ['VAT_READ', 'VAT_SUBMIT']);
    await book(
      kit,
      b,
      { date: '2026-02-01', vatCode: 'V21', net: '100.00', vat: '21.00' },
      'SALES',
    );
    await eventually(async () => {
      const r = await vatReturn(b, '2026-Q1');
      return r && r.totalDue === '21.00' ? true : undefined;
    });
    await step('prepareVatReturn', b, '2026-Q1', member.token);
    await step('requestVatApproval', b, '2026-Q1', member.token);
    const approved = await step('approveVatReturn', b, '2026-Q1', b.adminToken, 'Namens klant');
    expect(approved.data!.approveVatReturn!.vatReturn!.status).toBe('APPROVED');

    // The tax authority's refusal, through the consumer with an adapter that rejects. The
    // filing row is the one submit would write; the system's own consumer never sees it.
    const vat = kit.system.subgraphs.vat.runtime;
    await vat.dataSource.query(
      `UPDATE vat.returns SET status = 'SUBMITTED' WHERE administration_id = $1 AND period = '2026-Q1'`,
      [b.administrationId],
    );
    const [filing] = await vat.dataSource.query(
      `INSERT INTO vat.filings (administration_id, period, adapter, xbrl) VALUES ($1, '2026-Q1', 'pending', '<x/>') RETURNING id`,
      [b.administrationId],
    );
    const [consumer] = filingSubscriptions(vat, {
      name: 'refusing',
      file: async () => ({ result: 'REJECTED', reference: 'DP-1', message: 'Foutcode 123' }),
    });
    const event = {
      id: '00000000-0000-4000-8000-0000000000aa',
      type: 'vat.return-submitted',
      occurredAt: new Date().toISOString(),
      payload: { administrationId: b.administrationId, period: '2026-Q1', filingId: filing.id },
    };
    await vat.dataSource.transaction((m) => consumer!.handle(event, m));
    await vat.dataSource.transaction((m) => consumer!.handle(event, m)); // answered once
    const rejected = (await vatReturn(b, '2026-Q1'))!;
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.overdue).toBe(todayUtc() > '2026-04-30');
    expect(rejected.history.map((h) => [h.status, h.note])).toEqual([
      ['PREPARED', null],
      ['AWAITING_APPROVAL', null],
      ['APPROVED', 'Namens klant'],
      ['REJECTED', 'Foutcode 123'],
    ]);
    const again = await step('prepareVatReturn', b, '2026-Q1', member.token);
    expect(again.data!.prepareVatReturn!.vatReturn!.status).toBe('PREPARED');
  });

  test("Opgaaf ICP: VEU supplies per customer VAT number from invoicing's finalized documents", async () => {
    const b = await makeBooks(kit);
    const doc = (n: number, type: string, customerVatNumber: string, net: string) =>
      kit.publish('invoicing.document-finalized', {
        administrationId: b.administrationId,
        documentId: `00000000-0000-4000-8000-00000000010${n}`,
        documentType: type,
        number: `F-${n}`,
        issueDate: '2026-02-0' + n,
        dueDate: '2026-03-01',
        customerId: '00000000-0000-4000-8000-000000000200',
        customerNumber: 'K1',
        customerName: 'Müller GmbH',
        customerVatNumber,
        customerCountryCode: customerVatNumber.slice(0, 2),
        creditedInvoiceId: null,
        currency: 'EUR',
        lines: [
          { vatCode: 'VEU', rate: '0', net, vat: '0.00', description: 'x' },
          { vatCode: 'V21', rate: '21', net: '10.00', vat: '2.10', description: 'y' },
        ],
        vatTotals: [],
        totalExclVat: net,
        totalVat: '2.10',
        totalInclVat: net,
      });
    await doc(1, 'INVOICE', 'DE123456789', '1000.50');
    await doc(2, 'INVOICE', 'DE123456789', '500.00');
    await doc(3, 'CREDIT_NOTE', 'DE123456789', '200.00');
    await doc(4, 'INVOICE', 'BE0123456789', '99.99');
    const icp = await eventually(
      async () => {
        const r = await kit.gql<{
          administration: {
            vatReturn: { icp: { countryCode: string; vatNumber: string; amount: string }[] };
          };
        }>(
          b.adminToken,
          `query($id: ID!) { administration(id: $id) { vatReturn(period: "2026-Q1") { icp { countryCode vatNumber amount } } } }`,
          { id: b.administrationId },
        );
        const lines = r.data!.administration.vatReturn.icp;
        return lines.length === 2 && lines.find((l) => l.countryCode === 'DE')?.amount === '1300.00'
          ? lines
          : undefined;
      },
      { what: 'the ICP lines' },
    );
    expect(icp).toEqual([
      { countryCode: 'BE', vatNumber: 'BE0123456789', amount: '99.00' },
      { countryCode: 'DE', vatNumber: 'DE123456789', amount: '1300.00' },
    ]);
  });
});
