import { Decimal, MoneyDecimal } from '@kantoor/platform';

/**
 * The exact (cent) sums of a period per box, before rounding; JSON-safe (decimal strings),
 * so a prepared return stores them as they were.
 */
export interface VatSums {
  /** Turnover (grondslag) per box 1a-4b. */
  turnover: Record<string, string>;
  /** VAT due per box 1a-4b. */
  vat: Record<string, string>;
  /** Input VAT (voorbelasting, box 5b), reverse-charged VAT included. */
  input: string;
}

export const EMPTY_SUMS: VatSums = { turnover: {}, vat: {}, input: '0.00' };

export interface VatBoxValue {
  box: string;
  description: string;
  turnover: Decimal | null;
  vat: Decimal | null;
}

/** The boxes of the return (rubrieken) in order; which columns each has (vat.md). */
export const BOXES: readonly {
  box: string;
  description: string;
  turnover: boolean;
  vat: boolean;
}[] = [
  {
    box: '1a',
    description: 'Leveringen/diensten belast met hoog tarief',
    turnover: true,
    vat: true,
  },
  {
    box: '1b',
    description: 'Leveringen/diensten belast met laag tarief',
    turnover: true,
    vat: true,
  },
  {
    box: '1c',
    description: 'Leveringen/diensten belast met overige tarieven, behalve 0%',
    turnover: true,
    vat: true,
  },
  { box: '1d', description: 'Privégebruik', turnover: true, vat: true },
  {
    box: '1e',
    description: 'Leveringen/diensten belast met 0% of niet bij u belast',
    turnover: true,
    vat: false,
  },
  {
    box: '2a',
    description: 'Leveringen/diensten waarbij de omzetbelasting naar u is verlegd',
    turnover: true,
    vat: true,
  },
  {
    box: '3a',
    description: 'Leveringen naar landen buiten de EU (uitvoer)',
    turnover: true,
    vat: false,
  },
  {
    box: '3b',
    description: 'Leveringen naar of diensten in landen binnen de EU',
    turnover: true,
    vat: false,
  },
  {
    box: '3c',
    description: 'Installatie/afstandsverkopen binnen de EU',
    turnover: true,
    vat: false,
  },
  {
    box: '4a',
    description: 'Leveringen/diensten uit landen buiten de EU',
    turnover: true,
    vat: true,
  },
  {
    box: '4b',
    description: 'Leveringen/diensten uit landen binnen de EU',
    turnover: true,
    vat: true,
  },
  {
    box: '5a',
    description: 'Verschuldigde omzetbelasting (rubrieken 1a t/m 4b)',
    turnover: false,
    vat: true,
  },
  { box: '5b', description: 'Voorbelasting', turnover: false, vat: true },
  { box: '5c', description: 'Subtotaal (rubriek 5a min 5b)', turnover: false, vat: true },
  { box: '5g', description: 'Totaal te betalen of terug te vragen', turnover: false, vat: true },
];

const TAX_BOXES = BOXES.filter((b) => b.turnover).map((b) => b.box);
const ZERO = new MoneyDecimal(0);

/** Whole euros, down (turnover and VAT due: in the filer's favour). */
export function euroDown(value: Decimal): Decimal {
  return value.toDecimalPlaces(0, Decimal.ROUND_FLOOR);
}
/** Whole euros, up (input VAT: in the filer's favour). */
export function euroUp(value: Decimal): Decimal {
  return value.toDecimalPlaces(0, Decimal.ROUND_CEIL);
}

function amount(record: Record<string, string>, box: string): Decimal {
  return new MoneyDecimal(record[box] ?? '0');
}

/** Adds `b` to `a` box by box (a correction carried into a return). */
export function addSums(a: VatSums, b: VatSums, sign = 1): VatSums {
  const add = (x: Record<string, string>, y: Record<string, string>) => {
    const out: Record<string, string> = { ...x };
    for (const [box, v] of Object.entries(y))
      out[box] = amount(out, box).plus(new MoneyDecimal(v).times(sign)).toFixed(2);
    return out;
  };
  return {
    turnover: add(a.turnover, b.turnover),
    vat: add(a.vat, b.vat),
    input: new MoneyDecimal(a.input).plus(new MoneyDecimal(b.input).times(sign)).toFixed(2),
  };
}

/**
 * The return's boxes from the exact sums (vat.md "Rounding"): every turnover and every VAT due
 * box is rounded down to whole euros, input VAT (5b) up; 5a is the sum of the rounded VAT of
 * 1a-4b, 5c = 5a - 5b, and 5g = 5c (the pre-2020 5d-5f are zero and not shown).
 */
export function boxesOf(sums: VatSums): VatBoxValue[] {
  let owed = ZERO;
  const values = new Map<string, { turnover: Decimal | null; vat: Decimal | null }>();
  for (const box of TAX_BOXES) {
    const spec = BOXES.find((b) => b.box === box)!;
    const vat = spec.vat ? euroDown(amount(sums.vat, box)) : null;
    if (vat) owed = owed.plus(vat);
    values.set(box, { turnover: euroDown(amount(sums.turnover, box)), vat });
  }
  const input = euroUp(new MoneyDecimal(sums.input));
  values.set('5a', { turnover: null, vat: owed });
  values.set('5b', { turnover: null, vat: input });
  values.set('5c', { turnover: null, vat: owed.minus(input) });
  values.set('5g', { turnover: null, vat: owed.minus(input) });
  return BOXES.map((b) => ({ box: b.box, description: b.description, ...values.get(b.box)! }));
}

/** Box 5g of the sums: to pay when positive, to reclaim when negative. */
export function totalDueOf(sums: VatSums): Decimal {
  return boxesOf(sums).find((b) => b.box === '5g')!.vat!;
}

/** The net VAT of exact sums (VAT due minus input VAT), unrounded: the size of a correction. */
export function netVatOf(sums: VatSums): Decimal {
  let owed = ZERO;
  for (const v of Object.values(sums.vat)) owed = owed.plus(new MoneyDecimal(v));
  return owed.minus(new MoneyDecimal(sums.input));
}

/** True when both sums give the same boxes to the cent. */
export function sameSums(a: VatSums, b: VatSums): boolean {
  const diff = addSums(a, b, -1);
  return (
    Object.values(diff.turnover).every((v) => new MoneyDecimal(v).isZero()) &&
    Object.values(diff.vat).every((v) => new MoneyDecimal(v).isZero()) &&
    new MoneyDecimal(diff.input).isZero()
  );
}
