import { MoneyDecimal, roundCents, type Decimal } from '@kantoor/platform';
import { SALES_VAT_CODES } from './vat-codes.data.js';

export interface CalcLine {
  quantity: Decimal;
  unitPrice: Decimal;
  vatCode: string;
}

export interface VatAmount {
  vatCode: string;
  rate: Decimal;
  base: Decimal;
  vat: Decimal;
}

export interface Amounts {
  nets: Decimal[];
  vatBreakdown: VatAmount[];
  totalExclVat: Decimal;
  totalVat: Decimal;
  totalInclVat: Decimal;
}

/**
 * invoicing.md: line net = quantity x unit price rounded half up to cents; VAT per VAT code
 * on the sum of its lines' nets, rounded half up (BR-CO-17); totals are the sums. Decimal end
 * to end. The breakdown is in the order codes first appear.
 */
export function calculate(lines: readonly CalcLine[]): Amounts {
  const nets = lines.map((l) => roundCents(l.quantity.times(l.unitPrice)));
  const bases = new Map<string, Decimal>();
  lines.forEach((l, i) =>
    bases.set(l.vatCode, (bases.get(l.vatCode) ?? new MoneyDecimal(0)).plus(nets[i]!)),
  );
  const vatBreakdown = [...bases].map(([vatCode, base]) => {
    const rate = new MoneyDecimal(SALES_VAT_CODES[vatCode]!.rate);
    return { vatCode, rate, base, vat: roundCents(base.times(rate).dividedBy(100)) };
  });
  const totalExclVat = nets.reduce((s, n) => s.plus(n), new MoneyDecimal(0));
  const totalVat = vatBreakdown.reduce((s, v) => s.plus(v.vat), new MoneyDecimal(0));
  return { nets, vatBreakdown, totalExclVat, totalVat, totalInclVat: totalExclVat.plus(totalVat) };
}
