import { DomainError, DomainErrors, MoneyDecimal } from '@kantoor/platform';
import { camt053, camt053Statements, IBAN, someEntries } from '../../../__tests__/camt053-builder';
import { dedupeKeys, firstMatchingRule, splitGross } from '../bank.calc';
import { MAX_DEPTH, parseCamt053 } from '../camt053.parser';

function refusal(xml: string): { code: string; field: string[] | undefined; message: string }[] {
  try {
    parseCamt053(xml);
  } catch (error) {
    if (error instanceof DomainErrors) {
      return error.errors.map((e) => ({ code: e.code, field: e.field, message: e.message }));
    }
    if (error instanceof DomainError) {
      return [{ code: error.code, field: error.field, message: error.message }];
    }
    throw error;
  }
  throw new Error('not refused');
}

describe('parseCamt053', () => {
  test('reads amount (signed by CdtDbtInd), dates, counterparty per direction, remittance, references', () => {
    const doc = parseCamt053(
      camt053(IBAN.main, [
        {
          amount: '121.00',
          direction: 'CRDT',
          bookingDate: '2026-03-02',
          valueDate: '2026-03-01',
          ref: 'AB-1',
          name: 'Bakkerij Jansen & Zn',
          iban: 'nl39 rabo 0300 0652 64',
          remittance: ['Factuur 2026-001', 'dank u'],
          endToEndId: 'E2E-1',
        },
        {
          amount: '10.00',
          direction: 'DBIT',
          bookingDate: '2026-03-03',
          name: 'Koffie <Corner>',
          iban: IBAN.german,
          remittance: 'Koffie',
        },
      ]),
    );
    expect(doc.skipped).toBe(0);
    expect(doc.statements).toHaveLength(1);
    expect(doc.statements[0]!.iban).toBe(IBAN.main);
    expect(doc.statements[0]!.entries.map((e) => ({ ...e, amount: e.amount.toFixed(2) }))).toEqual([
      {
        statementIndex: 0,
        entryIndex: 0,
        bookingDate: '2026-03-02',
        valueDate: '2026-03-01',
        amount: '121.00',
        counterpartyName: 'Bakkerij Jansen & Zn',
        counterpartyIban: IBAN.other,
        remittance: 'Factuur 2026-001 dank u',
        endToEndId: 'E2E-1',
        bankReference: 'AB-1',
      },
      {
        statementIndex: 0,
        entryIndex: 1,
        bookingDate: '2026-03-03',
        valueDate: '2026-03-03',
        amount: '-10.00',
        counterpartyName: 'Koffie <Corner>',
        counterpartyIban: IBAN.german,
        remittance: 'Koffie',
        endToEndId: null,
        bankReference: null,
      },
    ]);
  });

  test('camt.053.001.08 layout (Sts/Cd, Pty/Nm); pending entries are skipped and counted', () => {
    const doc = parseCamt053(
      camt053(
        IBAN.main,
        [
          { amount: '5.00', direction: 'DBIT', bookingDate: '2026-03-02', name: 'Shop' },
          { amount: '6.00', direction: 'DBIT', bookingDate: '2026-03-02', status: 'PDNG' },
        ],
        { version: '08' },
      ),
    );
    expect(doc.skipped).toBe(1);
    expect(
      doc.statements[0]!.entries.map((e) => [e.amount.toFixed(2), e.counterpartyName]),
    ).toEqual([['-5.00', 'Shop']]);
  });

  test.each([
    ['not XML at all', 'hello'],
    ['JSON', '{"Document": {}}'],
    ['broken XML', '<Document><BkToCstmrStmt></Document>'],
    [
      'another ISO message (camt.054)',
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn/></Document>',
    ],
    [
      'the right root without the camt.053 namespace',
      '<Document xmlns="urn:example"><BkToCstmrStmt><Stmt/></BkToCstmrStmt></Document>',
    ],
    [
      'a DOCTYPE',
      '<!DOCTYPE x [<!ENTITY a "b">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt/></Document>',
    ],
  ])('%s: NOT_CAMT053', (_what, xml) => {
    expect(refusal(xml).map((e) => [e.code, e.field])).toEqual([
      ['NOT_CAMT053', ['input', 'camt053']],
    ]);
  });

  describe('hostile files (issue 15)', () => {
    const nested = (depth: number) =>
      camt053(IBAN.main, [
        {
          ...someEntries(1)[0]!,
          raw: `<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-05</Dt></BookgDt><AddtlNtryInf>x</AddtlNtryInf><SplmtryData>${'<Envlp>'.repeat(depth)}${'</Envlp>'.repeat(depth)}</SplmtryData></Ntry>`,
        },
      ]);

    test('a statement nested 20,000 deep: NOT_CAMT053 naming the limit (the parser stops at MAX_DEPTH)', () => {
      const errors = refusal(nested(20_000));
      expect(errors.map((e) => [e.code, e.field])).toEqual([['NOT_CAMT053', ['input', 'camt053']]]);
      expect(errors[0]!.message).toContain(`nested deeper than ${MAX_DEPTH} levels`);
      // Also as deep as a 5 MB file can be, and unclosed.
      expect(refusal(`<Document>${'<a>'.repeat(700_000)}`).map((e) => e.code)).toEqual([
        'NOT_CAMT053',
      ]);
    });

    test('nesting a real file may have (supplementary data 40 deep) is read', () => {
      const doc = parseCamt053(nested(40));
      expect(doc.statements[0]!.entries.map((e) => e.amount.toFixed(2))).toEqual(['1.00']);
    });

    test('entity expansion (billion laughs) is refused with its DOCTYPE, before anything expands', () => {
      const lol = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE lolz [',
        '  <!ENTITY lol "lol">',
        ...Array.from(
          { length: 9 },
          (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`,
        ),
        ']>',
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><AddtlStmtInf>&lol9;</AddtlStmtInf></Stmt></BkToCstmrStmt></Document>',
      ].join('\n');
      const errors = refusal(lol);
      expect(errors.map((e) => [e.code, e.field])).toEqual([['NOT_CAMT053', ['input', 'camt053']]]);
      expect(errors[0]!.message).toContain('DOCTYPE');
      // Without its declaration the reference expands to nothing (it stays text); this file is
      // then refused for what it lacks (an account), not for its size.
      expect(refusal(lol.replace(/<!DOCTYPE[\s\S]*\]>/, '')).map((e) => e.code)).toEqual([
        'MALFORMED_STATEMENT',
      ]);
    });

    test.each([
      ['binary', '\u0000\u0001PK\u0003\u0004'],
      ['a PDF', '%PDF-1.7\n1 0 obj'],
      [
        'half a tag',
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt',
      ],
    ])('%s: NOT_CAMT053', (_what, file) => {
      expect(refusal(file).map((e) => e.code)).toEqual(['NOT_CAMT053']);
    });
  });

  test('every malformed entry is reported, naming statement and entry', () => {
    const entries = someEntries(4);
    entries[1] = { ...entries[1]!, amount: '12,50' };
    entries[2] = {
      ...entries[2]!,
      bookingDate: '2026-02-30',
      valueDate: '2026-03-02',
      currency: 'USD',
    };
    entries[3] = {
      ...entries[3]!,
      raw: `<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>XXX</CdtDbtInd><BookgDt><Dt>2026-03-05</Dt></BookgDt></Ntry>`,
    };
    const errors = refusal(camt053(IBAN.main, entries));
    expect(errors.map((e) => [e.code, e.field?.slice(2).join('/')])).toEqual([
      ['MALFORMED_STATEMENT', 'Stmt/0/Ntry/1/Amt'],
      ['MALFORMED_STATEMENT', 'Stmt/0/Ntry/2/Amt/@Ccy'],
      ['MALFORMED_STATEMENT', 'Stmt/0/Ntry/2/BookgDt'],
      ['MALFORMED_STATEMENT', 'Stmt/0/Ntry/3/CdtDbtInd'],
    ]);
    expect(errors[0]!.message).toBe(
      'Statement 1, entry 2 (AcctSvcrRef REF-2): Amt "12,50" is not an amount such as "12.34".',
    );
  });

  test('a statement without a valid account IBAN is malformed', () => {
    const errors = refusal(camt053Statements([{ iban: 'NL00BANK0000000000', entries: [] }]));
    expect(errors.map((e) => [e.code, e.field?.slice(2).join('/')])).toEqual([
      ['MALFORMED_STATEMENT', 'Stmt/0/Acct/Id/IBAN'],
    ]);
  });
});

describe('dedupe keys', () => {
  test('the bank reference when given, else a hash; identical entries in one file count up', () => {
    const twice = {
      amount: '3.50',
      direction: 'DBIT' as const,
      bookingDate: '2026-03-02',
      name: 'Koffie',
      remittance: 'Koffie',
    };
    const doc = parseCamt053(
      camt053(IBAN.main, [
        { ...twice },
        { ...twice },
        { ...twice, ref: 'R-1' },
        { ...twice, amount: '3.60' },
      ]),
    );
    const keys = dedupeKeys(IBAN.main, doc.statements[0]!.entries);
    expect(keys[0]).toMatch(/^hash:[0-9a-f]{64}#1$/);
    expect(keys[1]).toBe(keys[0]!.replace('#1', '#2'));
    expect(keys[2]).toBe('ref:2026-03-02:-3.50:R-1#1');
    expect(keys[3]).toMatch(/^hash:/);
    expect(keys[3]).not.toBe(keys[0]);
    // Stable: the same file gives the same keys.
    expect(dedupeKeys(IBAN.main, doc.statements[0]!.entries)).toEqual(keys);
  });
});

describe('splitGross: VAT = gross - net, net = gross / (1 + rate) rounded half up', () => {
  const rate = (r: string, reverseCharge = false) => ({ rate: new MoneyDecimal(r), reverseCharge });
  test.each([
    ['121.00', '21', '100.00', '21.00'],
    ['10.00', '21', '8.26', '1.74'],
    ['109.00', '9', '100.00', '9.00'],
    ['0.01', '21', '0.01', '0.00'],
  ])('%s at %s%%: net %s, VAT %s', (gross, r, net, vat) => {
    const split = splitGross(new MoneyDecimal(gross), rate(r));
    expect([split.net.toFixed(2), split.vat!.toFixed(2)]).toEqual([net, vat]);
    expect(split.net.plus(split.vat!).toFixed(2)).toBe(gross);
  });

  test('no code, 0% and reverse charge: the whole amount is net', () => {
    expect(splitGross(new MoneyDecimal('50.00'), null)).toEqual({
      net: new MoneyDecimal('50.00'),
      vat: null,
    });
    expect(splitGross(new MoneyDecimal('50.00'), rate('0')).vat).toBeNull();
    expect(splitGross(new MoneyDecimal('50.00'), rate('21', true)).vat).toBeNull();
  });
});

describe('firstMatchingRule', () => {
  const tx = {
    counterpartyIban: IBAN.other,
    counterpartyName: 'Eneco',
    remittance: 'Termijn maart ENERGIE',
  };
  test('IBAN and text (any case) must both match when both are given; the first match wins', () => {
    const rules = [
      { id: 'a', counterpartyIban: IBAN.german, descriptionContains: null },
      { id: 'b', counterpartyIban: IBAN.other, descriptionContains: 'water' },
      { id: 'c', counterpartyIban: null, descriptionContains: 'energie' },
      { id: 'd', counterpartyIban: IBAN.other, descriptionContains: null },
    ];
    expect(firstMatchingRule(rules, tx)?.id).toBe('c');
    expect(firstMatchingRule(rules.slice(3), tx)?.id).toBe('d');
    expect(firstMatchingRule(rules.slice(0, 2), tx)).toBeNull();
    expect(
      firstMatchingRule([{ id: 'e', counterpartyIban: null, descriptionContains: 'ENECO' }], tx)
        ?.id,
    ).toBe('e');
  });
});
