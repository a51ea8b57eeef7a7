import { create } from 'xmlbuilder2';
import type { VatBoxValue } from '../vat-return/vat-boxes.calc.js';

/**
 * The Dutch Taxonomy (NT) release the instance refers to. The Belastingdienst publishes a new
 * entry point bd-rpt-ob-aangifte-YYYY every year; the Digipoort adapter must send the one of
 * the filing year (check it against the NT release notes before going live).
 */
export const NT_RELEASE = {
  dictionary: 'http://www.nltaxonomie.nl/nt19/bd/20241211/dictionary/bd-data',
  entryPoint: (year: number, kind: 'aangifte' | 'suppletie' = 'aangifte') =>
    `http://www.nltaxonomie.nl/nt19/bd/20241211/entrypoints/bd-rpt-ob-${kind}-${year}.xsd`,
};

/** Fact names of the bd-data dictionary per box and column (vat.md "Filing"). */
export const XBRL_FACTS: Record<string, { turnover?: string; vat?: string }> = {
  '1a': {
    turnover: 'TaxedTurnoverSuppliesServicesGeneralTariff',
    vat: 'ValueAddedTaxSuppliesServicesGeneralTariff',
  },
  '1b': {
    turnover: 'TaxedTurnoverSuppliesServicesReducedTariff',
    vat: 'ValueAddedTaxSuppliesServicesReducedTariff',
  },
  '1c': {
    turnover: 'TaxedTurnoverSuppliesServicesOtherRates',
    vat: 'ValueAddedTaxSuppliesServicesOtherRates',
  },
  '1d': { turnover: 'TaxedTurnoverPrivateUse', vat: 'ValueAddedTaxPrivateUse' },
  '1e': { turnover: 'SuppliesServicesNotTaxed' },
  '2a': {
    turnover: 'TurnoverSuppliesServicesByWhichVATTaxationIsTransferred',
    vat: 'ValueAddedTaxSuppliesServicesByWhichVATTaxationIsTransferred',
  },
  '3a': { turnover: 'SuppliesToCountriesOutsideTheEC' },
  '3b': { turnover: 'SuppliesToCountriesWithinTheEC' },
  '3c': { turnover: 'InstallationDistanceSalesWithinTheEC' },
  '4a': {
    turnover: 'TurnoverFromTaxedSuppliesFromCountriesOutsideTheEC',
    vat: 'ValueAddedTaxOnSuppliesFromCountriesOutsideTheEC',
  },
  '4b': {
    turnover: 'TurnoverFromTaxedSuppliesFromCountriesWithinTheEC',
    vat: 'ValueAddedTaxOnSuppliesFromCountriesWithinTheEC',
  },
  '5a': { vat: 'ValueAddedTaxOwed' },
  '5b': { vat: 'ValueAddedTaxOnInput' },
  '5g': { vat: 'ValueAddedTaxOwedToBePaidBack' },
};

export interface XbrlInput {
  /** The VAT number as tenancy keeps it (NL123456789B01); the context uses it without "NL". */
  vatNumber: string | null;
  periodStart: string;
  periodEnd: string;
  boxes: readonly VatBoxValue[];
  createdAt: Date;
  /** A correction return (suppletie) carries the difference per box; check its entry point. */
  kind?: 'aangifte' | 'suppletie';
}

/**
 * The XBRL instance of bd-rpt-ob-aangifte: one context "Msg" with the VAT number and the
 * period, unit EUR, whole-euro facts per box (decimals="INF"), 5c left out (the taxonomy has
 * no fact for the subtotal) and 5d-5f not sent (zero since 2020).
 */
export function buildVatXbrl(input: XbrlInput): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele('xbrli:xbrl', {
    'xmlns:xbrli': 'http://www.xbrl.org/2003/instance',
    'xmlns:link': 'http://www.xbrl.org/2003/linkbase',
    'xmlns:xlink': 'http://www.w3.org/1999/xlink',
    'xmlns:iso4217': 'http://www.xbrl.org/2003/iso4217',
    'xmlns:bd-i': NT_RELEASE.dictionary,
    'xml:lang': 'nl',
  });
  doc.ele('link:schemaRef', {
    'xlink:type': 'simple',
    'xlink:href': NT_RELEASE.entryPoint(Number(input.periodStart.slice(0, 4)), input.kind),
  });
  const context = doc.ele('xbrli:context', { id: 'Msg' });
  context
    .ele('xbrli:entity')
    .ele('xbrli:identifier', { scheme: 'www.belastingdienst.nl/omzetbelastingnummer' })
    .txt((input.vatNumber ?? '').replace(/^NL/i, '').toUpperCase());
  const period = context.ele('xbrli:period');
  period.ele('xbrli:startDate').txt(input.periodStart);
  period.ele('xbrli:endDate').txt(input.periodEnd);
  doc.ele('xbrli:unit', { id: 'EUR' }).ele('xbrli:measure').txt('iso4217:EUR');
  const stamp = input.createdAt.toISOString().replace(/[-:T]/g, '').slice(0, 12);
  doc.ele('bd-i:DateTimeCreation', { contextRef: 'Msg' }).txt(stamp);
  doc.ele('bd-i:SoftwarePackageName', { contextRef: 'Msg' }).txt('Kantoor');
  doc.ele('bd-i:SoftwarePackageVersion', { contextRef: 'Msg' }).txt('0.1.0');
  doc.ele('bd-i:SoftwareVendorAccountNumber', { contextRef: 'Msg' }).txt('SWO00000');
  for (const box of input.boxes) {
    const facts = XBRL_FACTS[box.box];
    if (!facts) continue;
    for (const [column, name] of [
      ['turnover', facts.turnover],
      ['vat', facts.vat],
    ] as const) {
      const value = box[column];
      if (!name || value === null) continue;
      doc
        .ele(`bd-i:${name}`, { contextRef: 'Msg', decimals: 'INF', unitRef: 'EUR' })
        .txt(value.toFixed(0));
    }
  }
  return doc.end({ prettyPrint: true });
}
