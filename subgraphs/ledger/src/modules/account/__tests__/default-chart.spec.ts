import { isAccountCode, isRgsCode, isVatCode, rgsGroup } from '../../common/ledger.validation';
import { readFileSync } from 'node:fs';
import { sharedDomainFile } from '../../../__tests__/shared-domain';
import { DEFAULT_ACCOUNTS, DEFAULT_JOURNALS, DEFAULT_VAT_CODES } from '../default-chart.data';
import { RGS_LEVEL4_CODES } from '../rgs-codes.data';

/** The team's reference list, when present. */
const RGS_CSV = sharedDomainFile('rgs-3.5-codes.csv');

describe("Kantoor's default Dutch chart", () => {
  test('has 60 to 120 accounts with unique 4-digit codes, names, types and RGS codes', () => {
    expect(DEFAULT_ACCOUNTS.length).toBeGreaterThanOrEqual(60);
    expect(DEFAULT_ACCOUNTS.length).toBeLessThanOrEqual(120);
    const codes = DEFAULT_ACCOUNTS.map((a) => a.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const a of DEFAULT_ACCOUNTS) {
      expect([a.code, /^\d{4}$/.test(a.code) && isAccountCode(a.code)]).toEqual([a.code, true]);
      expect(a.name.trim().length).toBeGreaterThan(0);
      expect([a.code, isRgsCode(a.rgsCode!)]).toEqual([a.code, true]);
      // Balance-sheet accounts carry B codes, profit and loss accounts W codes.
      const balanceSheet = ['ASSET', 'LIABILITY', 'EQUITY'].includes(a.type);
      expect([a.code, a.rgsCode![0]]).toEqual([a.code, balanceSheet ? 'B' : 'W']);
    }
  });

  test('maps every account to its own level-4 RGS 3.5 code (issue 13, item 7)', () => {
    const missing = DEFAULT_ACCOUNTS.filter((a) => !RGS_LEVEL4_CODES.has(a.rgsCode!));
    expect(missing).toEqual([]);
    const rgs = DEFAULT_ACCOUNTS.map((a) => a.rgsCode);
    expect(rgs.filter((c, i) => rgs.indexOf(c) !== i)).toEqual([]);
  });

  (RGS_CSV ? test : test.skip)(
    'ships the 1,432 codes of ../shared/domain/rgs-3.5-codes.csv',
    () => {
      const codes = readFileSync(RGS_CSV!, 'utf8')
        .split(/\r?\n/)
        .slice(1)
        .filter((l) => l.trim().length > 0)
        .map((l) => l.split(',')[0]);
      expect(codes).toHaveLength(1432);
      expect([...RGS_LEVEL4_CODES]).toEqual(codes);
    },
  );

  test('follows the Dutch numbering habit', () => {
    const byCode = new Map(DEFAULT_ACCOUNTS.map((a) => [a.code, a]));
    expect(byCode.get('1000')?.name).toBe('Kas');
    expect(byCode.get('1100')?.name).toBe('Bank');
    expect(byCode.get('1300')?.name).toBe('Debiteuren');
    expect(byCode.get('1600')?.name).toBe('Crediteuren');
    expect(byCode.get('8000')?.type).toBe('REVENUE');
    expect(
      DEFAULT_ACCOUNTS.filter((a) => a.code.startsWith('4')).every((a) => a.type === 'EXPENSE'),
    ).toBe(true);
    expect(
      DEFAULT_ACCOUNTS.filter((a) => a.code.startsWith('8')).every((a) => a.type === 'REVENUE'),
    ).toBe(true);
    expect(DEFAULT_ACCOUNTS.find((a) => a.name === 'Vraagposten')).toBeDefined();
  });

  test('has the VAT codes of vat.md, each booking on an existing account', () => {
    const codes = new Set(DEFAULT_ACCOUNTS.map((a) => a.code));
    expect(DEFAULT_VAT_CODES.map((v) => [v.code, v.rate, v.turnoverBox, v.vatBox])).toEqual([
      ['V21', '21', '1a', '1a'],
      ['V9', '9', '1b', '1b'],
      ['V0', '0', '1e', null],
      ['VPRIV', '21', '1d', '1d'],
      ['VEX', '0', '3a', null],
      ['VEU', '0', '3b', null],
      ['VDIST', '0', '3c', null],
      ['VVRIJ', '0', null, null],
      ['I21', '21', null, '5b'],
      ['I9', '9', null, '5b'],
      ['IVERL', '21', '2a', '2a'],
      ['INEU', '21', '4a', '4a'],
      ['IEU', '21', '4b', '4b'],
      ['INEU9', '9', '4a', '4a'],
      ['IEU9', '9', '4b', '4b'],
    ]);
    for (const v of DEFAULT_VAT_CODES) {
      expect(isVatCode(v.code)).toBe(true);
      if (v.rate !== '0') expect(codes.has(v.vatAccountCode!)).toBe(true);
      expect(v.reverseCharge).toBe(['IVERL', 'INEU', 'IEU', 'INEU9', 'IEU9'].includes(v.code));
      // Only the exempt code names a ground, and it has no return box.
      expect(Boolean(v.exemptionGround)).toBe(v.code === 'VVRIJ');
      if (v.reverseCharge) expect(codes.has(v.inputVatAccountCode!)).toBe(true);
    }
  });

  test('has the journals memoriaal, verkoop, inkoop, bank and kas', () => {
    expect(DEFAULT_JOURNALS.map((j) => j.type)).toEqual([
      'GENERAL',
      'SALES',
      'PURCHASES',
      'BANK',
      'CASH',
    ]);
    const codes = new Set(DEFAULT_ACCOUNTS.map((a) => a.code));
    for (const j of DEFAULT_JOURNALS)
      if (j.accountCode) expect(codes.has(j.accountCode)).toBe(true);
  });

  test('RGS groups by level', () => {
    expect(rgsGroup('BLimBanRba', 1)).toBe('B');
    expect(rgsGroup('BLimBanRba', 2)).toBe('BLim');
    expect(rgsGroup('BLimBanRba', 3)).toBe('BLimBan');
    expect(rgsGroup('BLim', 3)).toBe('BLim');
    expect(rgsGroup(null, 2)).toBeNull();
  });
});
