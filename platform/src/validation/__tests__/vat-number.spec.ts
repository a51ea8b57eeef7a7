import {
  normalizeVatNumber,
  parseKvkNumber,
  parseVatNumber,
  passesElfproef,
  passesMod97,
} from '../vat-number';

describe('Dutch VAT number (btw-identificatienummer)', () => {
  test('NL123456782B01 passes the elfproef (and not mod-97)', () => {
    // 1*9 + 2*8 + 3*7 + 4*6 + 5*5 + 6*4 + 7*3 + 8*2 - 2 = 154 = 14 * 11
    expect(passesElfproef('123456782')).toBe(true);
    expect(passesMod97('NL123456782B01')).toBe(false);
    expect(parseVatNumber('NL123456782B01')).toBe('NL123456782B01');
  });

  test('NL000099998B57 passes the 2020 mod-97 check (and not the elfproef)', () => {
    // 2321 000099998 11 57 = 23210000999981157; 23210000999981157 mod 97 = 1
    expect(BigInt('23210000999981157') % 97n).toBe(1n);
    expect(passesMod97('NL000099998B57')).toBe(true);
    expect(passesElfproef('000099998')).toBe(false);
    expect(parseVatNumber('NL000099998B57')).toBe('NL000099998B57');
  });

  test('numbers that pass neither check are refused', () => {
    // 123456789: elfproef sum 156 - 9 = 147, not a multiple of 11; mod 97 of 2321123456789 11 01 is not 1.
    expect(parseVatNumber('NL123456789B01')).toBeNull();
    expect(parseVatNumber('NL000099998B58')).toBeNull();
  });

  test('spaces and dots are stripped and the letters upper-cased', () => {
    expect(normalizeVatNumber(' nl 1234.5678.2 b01 ')).toBe('NL123456782B01');
    expect(parseVatNumber('nl0000.99998.b57')).toBe('NL000099998B57');
  });

  test('anything not NL + 9 digits + B + 2 digits is refused', () => {
    for (const bad of [
      '',
      'NL12345678B01',
      'NL1234567820B01',
      'NL123456782B1',
      'BE0123456789',
      'DE123456782B01',
      'NL123456782X01',
      'NL12345678٢B01',
    ]) {
      expect(parseVatNumber(bad)).toBeNull();
    }
  });
});

describe('KvK number', () => {
  test('exactly eight digits, spaces and dots ignored', () => {
    expect(parseKvkNumber('12345678')).toBe('12345678');
    expect(parseKvkNumber('1234 5678')).toBe('12345678');
    expect(parseKvkNumber('1234567')).toBeNull();
    expect(parseKvkNumber('123456789')).toBeNull();
    expect(parseKvkNumber('1234567a')).toBeNull();
  });
});
