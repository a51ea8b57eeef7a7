import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { boxesOf } from '../../vat-return/vat-boxes.calc';
import { RecordingFilingAdapter } from '../filing.adapter';
import { buildVatXbrl } from '../xbrl.builder';

const instance = buildVatXbrl({
  vatNumber: 'NL123456789B01',
  periodStart: '2026-01-01',
  periodEnd: '2026-03-31',
  boxes: boxesOf({
    turnover: { '1a': '1000.99', '3b': '500.00' },
    vat: { '1a': '210.21' },
    input: '40.01',
  }),
  createdAt: new Date('2026-04-15T10:30:00Z'),
});

test('the bd-rpt-ob-aangifte instance: one context, unit EUR, whole-euro facts per box', () => {
  expect(XMLValidator.validate(instance)).toBe(true);
  const xbrl = new XMLParser({ ignoreAttributes: false }).parse(instance)['xbrli:xbrl'];
  expect(xbrl['xbrli:context']['@_id']).toBe('Msg');
  expect(xbrl['xbrli:context']['xbrli:entity']['xbrli:identifier']['#text']).toBe('123456789B01');
  expect(xbrl['xbrli:context']['xbrli:period']).toEqual({
    'xbrli:startDate': '2026-01-01',
    'xbrli:endDate': '2026-03-31',
  });
  expect(xbrl['xbrli:unit']['xbrli:measure']).toBe('iso4217:EUR');
  const fact = (name: string) => xbrl[`bd-i:${name}`]['#text'];
  expect(fact('TaxedTurnoverSuppliesServicesGeneralTariff')).toBe(1000);
  expect(fact('ValueAddedTaxSuppliesServicesGeneralTariff')).toBe(210);
  expect(fact('SuppliesToCountriesWithinTheEC')).toBe(500);
  expect(fact('ValueAddedTaxOwed')).toBe(210);
  expect(fact('ValueAddedTaxOnInput')).toBe(41);
  expect(fact('ValueAddedTaxOwedToBePaidBack')).toBe(169);
  expect(xbrl['bd-i:ValueAddedTaxOwed']['@_decimals']).toBe('INF');
  expect(xbrl['bd-i:ValueAddedTaxOwed']['@_unitRef']).toBe('EUR');
  expect(xbrl['bd-i:DateTimeCreation']['#text']).toBe(202604151030);
});

test('the recording adapter accepts an instance with the VAT number and 5g', async () => {
  const adapter = new RecordingFilingAdapter();
  const ok = await adapter.file({
    administrationId: 'a',
    period: '2026-Q1',
    vatNumber: 'NL123456789B01',
    xbrl: instance,
  });
  expect(ok.result).toBe('ACCEPTED');
  const bad = await adapter.file({
    administrationId: 'a',
    period: '2026-Q1',
    vatNumber: 'NL999999999B01',
    xbrl: instance,
  });
  expect(bad.result).toBe('REJECTED');
});
