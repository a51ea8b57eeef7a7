import { MoneyDecimal } from '@kantoor/platform';
import { mirror, type BookedLine } from '../entry.calc';
import { vatLinesOf } from '../entry.events';

const d = (v: string) => new MoneyDecimal(v);
const line = (
  kind: BookedLine['kind'],
  debit: string,
  credit: string,
  vatCode: string | null,
): BookedLine => ({
  kind,
  accountId: 'a',
  debit: d(debit),
  credit: d(credit),
  vatCode,
  description: null,
});
const codes = new Map([
  [
    'V21',
    {
      code: 'V21',
      rate: '21.00',
      direction: 'SALES' as const,
      reverse_charge: false,
      turnover_box: '1a',
      vat_box: '1a',
    },
  ],
  [
    'IEU',
    {
      code: 'IEU',
      rate: '21.00',
      direction: 'PURCHASES' as const,
      reverse_charge: true,
      turnover_box: '4b',
      vat_box: '4b',
    },
  ],
]);

test('ledger.entry-posted carries each VAT-coded line with the VAT booked for it, also in a reversal', () => {
  const lines = [
    line('ENTERED', '121.00', '0', null),
    line('ENTERED', '0', '100.00', 'V21'),
    line('VAT_DUE', '0', '21.00', 'V21'),
    line('ENTERED', '50.00', '0', 'IEU'),
    line('VAT_DUE', '0', '10.50', 'IEU'),
    line('VAT_INPUT', '10.50', '0', 'IEU'),
    line('ENTERED', '0', '50.00', null),
  ];
  expect(
    vatLinesOf(lines, codes).map((l) => [
      l.lineNo,
      l.vatCode,
      l.side,
      l.base,
      l.vat,
      l.turnoverBox,
    ]),
  ).toEqual([
    [2, 'V21', 'CREDIT', '100.00', '21.00', '1a'],
    [4, 'IEU', 'DEBIT', '50.00', '10.50', '4b'],
  ]);
  expect(vatLinesOf(mirror(lines), codes).map((l) => [l.side, l.base, l.vat])).toEqual([
    ['DEBIT', '100.00', '21.00'],
    ['CREDIT', '50.00', '10.50'],
  ]);
});
