import type { AccountType } from './account.type.js';

export interface ChartAccount {
  code: string;
  name: string;
  type: AccountType;
  rgsCode: string;
}

/**
 * The starting chart a new administration's books open with. The full default template
 * (60-120 accounts, office templates) arrives with the ledger issue; these are its core.
 */
export const STARTER_CHART: readonly ChartAccount[] = [
  { code: '0100', name: 'Inventaris', type: 'ASSET', rgsCode: 'BMvaBek' },
  { code: '1000', name: 'Kas', type: 'ASSET', rgsCode: 'BLimKas' },
  { code: '1100', name: 'Bank', type: 'ASSET', rgsCode: 'BLimBan' },
  { code: '1300', name: 'Debiteuren', type: 'ASSET', rgsCode: 'BVorDebHad' },
  { code: '1600', name: 'Crediteuren', type: 'LIABILITY', rgsCode: 'BSchCreHac' },
  { code: '1500', name: 'Af te dragen btw hoog', type: 'LIABILITY', rgsCode: 'BSchBepBtwAfo' },
  { code: '1520', name: 'Voorbelasting', type: 'ASSET', rgsCode: 'BSchBepBtwVoo' },
  { code: '0500', name: 'Eigen vermogen', type: 'EQUITY', rgsCode: 'BEivOnd' },
  { code: '4000', name: 'Algemene kosten', type: 'EXPENSE', rgsCode: 'WBedAlk' },
  { code: '8000', name: 'Omzet hoog tarief', type: 'REVENUE', rgsCode: 'WOmzNopOmz' },
];
