import { MoneyDecimal } from '@kantoor/platform';
import { buildXaf, transactionTotals, xmlText, type XafData, type XafLine } from '../xaf.builder';

const d = (v: string) => new MoneyDecimal(v);
const line = (
  lineNo: number,
  kind: XafLine['kind'],
  accountCode: string,
  debit: string,
  credit: string,
  vatCode: string | null = null,
): XafLine => ({
  lineNo,
  kind,
  accountCode,
  debit: d(debit),
  credit: d(credit),
  vatCode,
  vatRate: vatCode ? d('21') : null,
  description: null,
});

function data(overrides: Partial<XafData> = {}): XafData {
  return {
    fiscalYear: 2026,
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    dateCreated: '2026-05-01',
    company: { name: 'Test', ident: null, vatNumber: null },
    accounts: [],
    vatCodes: [],
    journals: [],
    opening: [],
    ...overrides,
  };
}

describe('xmlText: what XML 1.0 allows', () => {
  test('control characters and lone surrogates go; tab, newline and pairs stay; cut to the limit', () => {
    expect(xmlText('a\u0000b\u0007c\td\ne\u001Ff')).toBe('abc\td\nef');
    expect(xmlText('x\uD800y\uDC00z 😀')).toBe('xyz 😀');
    expect(xmlText('abcdef', 3)).toBe('abc');
    // Never half a surrogate pair at the cut.
    expect(xmlText('ab😀', 3)).toBe('ab');
  });
});

describe('buildXaf', () => {
  test('a reverse-charge line carries both sides as vat elements, each VAT line its own; totals count every line', () => {
    const journals: XafData['journals'] = [
      {
        code: 'INK',
        name: 'Inkoopboek',
        type: 'PURCHASES',
        accountCode: null,
        iban: null,
        entries: [
          {
            number: '2026-000001',
            date: '2026-03-31',
            description: 'Verlegd',
            lines: [
              line(1, 'ENTERED', '7100', '200.00', '0', 'IVERL'),
              line(2, 'VAT_DUE', '1520', '0', '42.00', 'IVERL'),
              line(3, 'VAT_INPUT', '1550', '42.00', '0', 'IVERL'),
              line(4, 'ENTERED', '1600', '0', '200.00'),
            ],
          },
        ],
      },
    ];
    const xml = buildXaf(data({ journals }));
    const flat = xml.replace(/>\s+</g, '><');
    const vat = (side: string) =>
      `<vat><vatID>IVERL</vatID><vatPerc>21.00</vatPerc><vatAmnt>42.00</vatAmnt><vatAmntTp>${side}</vatAmntTp></vat>`;
    // The entered line: the VAT due and the input VAT.
    expect(flat).toContain(`<amntTp>D</amntTp>${vat('C')}${vat('D')}</trLine>`);
    // The VAT lines: each its own amount and side.
    expect(flat).toContain(`<accID>1520</accID>`);
    expect((flat.match(/<vat>/g) ?? []).length).toBe(4);
    expect(flat.split('</trLine>').map((l) => (l.match(/<vat>/g) ?? []).length)).toEqual([
      2, 1, 1, 0, 0,
    ]);
    const totals = transactionTotals(journals);
    expect([
      totals.linesCount,
      totals.totalDebit.toFixed(2),
      totals.totalCredit.toFixed(2),
    ]).toEqual([4, '242.00', '242.00']);
    expect(xml).toContain('<amnt>242.00</amnt>');
  });

  test('customersSuppliers: text cut to what XAF allows, unknown countries left out, EL is GR', () => {
    const xml = buildXaf(
      data({
        customersSuppliers: [
          {
            id: '1001',
            name: 'N'.repeat(60),
            vatNumber: 'EL 123.456.789',
            kvkNumber: null,
            street: null,
            postalCode: '1234567890AB',
            city: null,
            countryCode: 'XX',
            type: 'C',
          },
        ],
      }),
    ).replace(/>\s+</g, '><');
    expect(xml).toContain(
      `<customersSuppliers><customerSupplier><custSupID>1001</custSupID><custSupName>${'N'.repeat(50)}</custSupName>` +
        '<taxRegistrationCountry>GR</taxRegistrationCountry><taxRegIdent>EL123456789</taxRegIdent>' +
        '<custSupTp>C</custSupTp><streetAddress><postalCode>1234567890</postalCode></streetAddress>' +
        '</customerSupplier></customersSuppliers><generalLedger>',
    );
  });

  test('a foreign VAT number sets the registration country; an empty opening balance is left out', () => {
    const xml = buildXaf(
      data({
        company: { name: 'GmbH', ident: null, vatNumber: 'DE123456789' },
        opening: [{ accountCode: '1100', balance: d('0.00') }],
      }),
    );
    expect(xml).toContain('<taxRegistrationCountry>DE</taxRegistrationCountry>');
    expect(xml).not.toContain('<openingBalance>');
    expect(xml).not.toContain('<companyIdent>');
  });
});
