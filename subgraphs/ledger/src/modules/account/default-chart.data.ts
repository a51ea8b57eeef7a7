import type { AccountType } from './account.type.js';
import type { JournalType, VatDirection } from './account.entity.js';

export interface ChartAccountSpec {
  code: string;
  name: string;
  type: AccountType;
  rgsCode: string | null;
}

export interface ChartVatCodeSpec {
  code: string;
  description: string;
  /** Percentage as an exact decimal string, e.g. "21". */
  rate: string;
  direction: VatDirection;
  /** Reverse charge (verlegd): the ledger books the VAT due and the equal input VAT. */
  reverseCharge: boolean;
  /** Where the VAT (or, for reverse charge, the VAT due) is booked; null for 0% codes. */
  vatAccountCode: string | null;
  /** Reverse charge only: where the equal input VAT (voorbelasting) is booked. */
  inputVatAccountCode: string | null;
  /** Box (rubriek) of the VAT return for the turnover / the VAT, e.g. "1a". */
  turnoverBox: string | null;
  vatBox: string | null;
  /** Exempt supplies (vrijgesteld): the legal ground; SALES at 0%, no return boxes. */
  exemptionGround?: string | null;
}

export interface ChartJournalSpec {
  code: string;
  name: string;
  type: JournalType;
  /** The bank or cash account of a BANK/CASH journal. */
  accountCode: string | null;
}

/** Everything a new administration's books are opened with; templates copy it. */
export interface ChartSpec {
  accounts: ChartAccountSpec[];
  vatCodes: ChartVatCodeSpec[];
  journals: ChartJournalSpec[];
}

const a = (code: string, name: string, type: AccountType, rgsCode: string): ChartAccountSpec => ({
  code,
  name,
  type,
  rgsCode,
});

/**
 * Kantoor's default chart of accounts for a small Dutch business (rekeningschema), in the
 * usual Dutch numbering: 0xxx fixed assets, equity and long-term debt; 1xxx liquid assets,
 * receivables, payables and VAT; 2xxx suspense and clearing; 3xxx stock; 4xxx costs;
 * 7xxx cost of sales; 8xxx turnover; 9xxx financial and other income and costs.
 *
 * RGS codes: every account carries its own level-4 code of RGS 3.5 (rgs-codes.data.ts, the copy of
 * ../shared/domain/rgs-3.5-codes.csv), no two accounts the same one; reports group on their
 * level-2/3 prefixes. RGS has one level-4 account for VAT payable (BSchBepBtw), so the VAT
 * due of every rate and of reverse charge is booked on 1500; the split per rate and box is
 * the VAT codes' (the return), not the accounts' (decisions 0013, item 7).
 */
export const DEFAULT_ACCOUNTS: readonly ChartAccountSpec[] = [
  // Vaste activa
  a('0100', 'Goodwill', 'ASSET', 'BIvaGooVvp'),
  a('0110', 'Afschrijving goodwill', 'ASSET', 'BIvaGooCae'),
  a('0200', 'Bedrijfsgebouwen', 'ASSET', 'BMvaBegVvp'),
  a('0210', 'Afschrijving bedrijfsgebouwen', 'ASSET', 'BMvaBegCae'),
  a('0300', 'Machines en installaties', 'ASSET', 'BMvaMeiVvp'),
  a('0310', 'Afschrijving machines en installaties', 'ASSET', 'BMvaMeiCae'),
  a('0400', 'Inventaris', 'ASSET', 'BMvaBeiVvp'),
  a('0410', 'Afschrijving inventaris', 'ASSET', 'BMvaBeiCae'),
  a('0420', 'Computers en software', 'ASSET', 'BMvaObeVvp'),
  a('0430', 'Afschrijving computers en software', 'ASSET', 'BMvaObeCae'),
  a('0500', 'Vervoermiddelen', 'ASSET', 'BMvaTevVvp'),
  a('0510', 'Afschrijving vervoermiddelen', 'ASSET', 'BMvaTevCae'),
  a('0600', 'Waarborgsommen', 'ASSET', 'BFvaOvrWaa'),
  // Eigen vermogen, voorzieningen, langlopende schulden
  a('0700', 'Ondernemingsvermogen', 'EQUITY', 'BEivKapOnd'),
  a('0710', 'Privé-opnamen', 'EQUITY', 'BEivKapPro'),
  a('0720', 'Privé-stortingen', 'EQUITY', 'BEivKapPrs'),
  a('0730', 'Gestort en opgevraagd kapitaal', 'EQUITY', 'BEivGokGea'),
  a('0740', 'Overige reserves', 'EQUITY', 'BEivOvrOrs'),
  a('0750', 'Onverdeeld resultaat', 'EQUITY', 'BEivOreOvw'),
  a('0800', 'Voorzieningen', 'LIABILITY', 'BVrzOvzOvz'),
  a('0900', 'Lening o/g', 'LIABILITY', 'BLasSakLvl'),
  a('0910', 'Hypothecaire lening', 'LIABILITY', 'BLasSakHvl'),
  // Liquide middelen
  a('1000', 'Kas', 'ASSET', 'BLimKasKas'),
  a('1100', 'Bank', 'ASSET', 'BLimBanRba'),
  a('1110', 'Spaarrekening', 'ASSET', 'BLimBanSpa'),
  a('1190', 'Kruisposten', 'ASSET', 'BLimKruSto'),
  // Vorderingen
  a('1300', 'Debiteuren', 'ASSET', 'BVorDebHad'),
  a('1310', 'Voorziening dubieuze debiteuren', 'ASSET', 'BVorDebVdd'),
  a('1350', 'Nog te ontvangen bedragen', 'ASSET', 'BVorOvaOoa'),
  a('1360', 'Vooruitbetaalde kosten', 'ASSET', 'BVorOvaVan'),
  a('1370', 'Overige vorderingen', 'ASSET', 'BVorOvrOvk'),
  // Omzetbelasting (btw)
  a('1500', 'Af te dragen btw', 'LIABILITY', 'BSchBepBtw'),
  a('1550', 'Voorbelasting', 'LIABILITY', 'BVorVbkTvo'),
  a('1560', 'Afgedragen btw', 'LIABILITY', 'BSchBepBaf'),
  // Kortlopende schulden
  a('1600', 'Crediteuren', 'LIABILITY', 'BSchCreHac'),
  a('1610', 'Nog te betalen bedragen', 'LIABILITY', 'BSchOpaNtb'),
  a('1620', 'Nog te ontvangen facturen', 'LIABILITY', 'BSchOpaNto'),
  a('1700', 'Te betalen loonheffing', 'LIABILITY', 'BSchBepLhe'),
  a('1710', 'Te betalen nettolonen', 'LIABILITY', 'BSchSalNet'),
  a('1720', 'Te betalen pensioenpremies', 'LIABILITY', 'BSchOvsStp'),
  a('1730', 'Reservering vakantiegeld', 'LIABILITY', 'BSchSalTvg'),
  a('1800', 'Rekening-courant directeur', 'LIABILITY', 'BSchOvsRcb'),
  a('1850', 'Te betalen vennootschapsbelasting', 'LIABILITY', 'BSchBepVpb'),
  a('1900', 'Kortlopende lening', 'LIABILITY', 'BSchAosLvk'),
  // Tussenrekeningen
  a('2000', 'Vraagposten', 'ASSET', 'BVorTusTov'),
  a('2100', 'Tussenrekening betalingen', 'ASSET', 'BVorTusTbt'),
  a('2200', 'Tussenrekening lonen', 'LIABILITY', 'BSchTusTsa'),
  // Voorraden
  a('3000', 'Voorraad handelsgoederen', 'ASSET', 'BVrdHanVoo'),
  a('3100', 'Onderhanden werk', 'ASSET', 'BVrdOweVoo'),
  // Personeelskosten
  a('4000', 'Brutolonen en salarissen', 'EXPENSE', 'WPerLesLon'),
  a('4010', 'Sociale lasten', 'EXPENSE', 'WPerSolPsv'),
  a('4020', 'Pensioenpremies', 'EXPENSE', 'WPerPenPen'),
  a('4030', 'Reiskostenvergoedingen', 'EXPENSE', 'WBedOvpOvb'),
  a('4040', 'Opleidingskosten', 'EXPENSE', 'WBedOvpOpk'),
  a('4050', 'Overige personeelskosten', 'EXPENSE', 'WBedOvpOvp'),
  // Huisvestingskosten
  a('4100', 'Huur bedrijfsruimte', 'EXPENSE', 'WBedHuiBeh'),
  a('4110', 'Gas, water en elektra', 'EXPENSE', 'WBedHuiGwe'),
  a('4120', 'Onderhoud bedrijfsruimte', 'EXPENSE', 'WBedHuiOng'),
  a('4130', 'Schoonmaakkosten', 'EXPENSE', 'WBedHuiSch'),
  // Autokosten
  a('4200', 'Brandstof', 'EXPENSE', 'WBedAutBra'),
  a('4210', 'Onderhoud en reparatie auto', 'EXPENSE', 'WBedAutRoa'),
  a('4220', 'Verzekering auto', 'EXPENSE', 'WBedAutAsa'),
  a('4230', 'Motorrijtuigenbelasting', 'EXPENSE', 'WBedAutMot'),
  a('4240', 'Leasekosten auto', 'EXPENSE', 'WBedAutOpa'),
  a('4250', 'Bijtelling privégebruik auto', 'EXPENSE', 'WBedAutPga'),
  // Verkoopkosten
  a('4300', 'Reclame en advertenties', 'EXPENSE', 'WBedVkkRea'),
  a('4310', 'Representatiekosten', 'EXPENSE', 'WBedVkkRep'),
  a('4320', 'Relatiegeschenken', 'EXPENSE', 'WBedVkkRel'),
  a('4330', 'Reis- en verblijfkosten', 'EXPENSE', 'WBedVkkRev'),
  // Kantoorkosten
  a('4400', 'Kantoorbenodigdheden', 'EXPENSE', 'WBedKanKan'),
  a('4410', 'Telefoon en internet', 'EXPENSE', 'WBedKanTef'),
  a('4420', 'Software en licenties', 'EXPENSE', 'WBedKanSof'),
  a('4430', 'Porti en verzendkosten', 'EXPENSE', 'WBedKanPor'),
  a('4440', 'Drukwerk', 'EXPENSE', 'WBedKanDru'),
  // Algemene kosten
  a('4500', 'Advieskosten', 'EXPENSE', 'WBedAeaAdv'),
  a('4510', 'Accountantskosten', 'EXPENSE', 'WBedAeaAea'),
  a('4520', 'Juridische kosten', 'EXPENSE', 'WBedAeaAej'),
  a('4530', 'Verzekeringen', 'EXPENSE', 'WBedAssOva'),
  a('4540', 'Contributies en abonnementen', 'EXPENSE', 'WBedKanCea'),
  a('4550', 'Bankkosten', 'EXPENSE', 'WBedAdlBan'),
  a('4560', 'Kleine aanschaffingen', 'EXPENSE', 'WBedEemKam'),
  a('4590', 'Overige algemene kosten', 'EXPENSE', 'WBedAlkOal'),
  // Afschrijvingen
  a('4600', 'Afschrijving goodwill', 'EXPENSE', 'WAfsAivGoo'),
  a('4610', 'Afschrijving bedrijfsgebouwen', 'EXPENSE', 'WAfsAmvBeg'),
  a('4620', 'Afschrijving machines en installaties', 'EXPENSE', 'WAfsAmvMei'),
  a('4630', 'Afschrijving inventaris', 'EXPENSE', 'WAfsAmvBei'),
  a('4640', 'Afschrijving vervoermiddelen', 'EXPENSE', 'WAfsAmvTev'),
  // Kostprijs van de omzet
  a('7000', 'Inkopen handelsgoederen', 'EXPENSE', 'WKprInhInh'),
  a('7010', 'Inkopen materialen', 'EXPENSE', 'WKprInpInp'),
  a('7100', 'Uitbesteed werk', 'EXPENSE', 'WKprKuwKuw'),
  a('7200', 'Voorraadmutaties', 'EXPENSE', 'WKprVomVom'),
  a('7300', 'Ontvangen inkoopkortingen', 'EXPENSE', 'WKprLebLeb'),
  // Omzet
  a('8000', 'Omzet hoog tarief', 'REVENUE', 'WOmzNopOlh'),
  a('8010', 'Omzet laag tarief', 'REVENUE', 'WOmzNopOlv'),
  a('8020', 'Omzet 0% en verlegd', 'REVENUE', 'WOmzNopOlg'),
  a('8030', 'Omzet export buiten de EU', 'REVENUE', 'WOmzNopOln'),
  a('8040', 'Omzet leveringen binnen de EU', 'REVENUE', 'WOmzNopOli'),
  a('8050', 'Omzet afstandsverkopen binnen de EU', 'REVENUE', 'WOmzNopOla'),
  a('8100', 'Omzet diensten hoog tarief', 'REVENUE', 'WOmzNodOdh'),
  a('8110', 'Omzet diensten laag tarief', 'REVENUE', 'WOmzNodOdl'),
  a('8200', 'Omzet vrijgesteld van btw', 'REVENUE', 'WOmzNopNod'),
  a('8300', 'Verleende kortingen', 'REVENUE', 'WOmzKebVek'),
  a('8400', 'Privégebruik', 'REVENUE', 'WOmzNopOpg'),
  a('8900', 'Overige opbrengsten', 'REVENUE', 'WOvbOvoOvo'),
  // Financiële en overige baten en lasten
  a('9000', 'Rentebaten', 'REVENUE', 'WFbeRlmObr'),
  a('9010', 'Rentelasten', 'EXPENSE', 'WFbeOrlOrl'),
  a('9020', 'Koersverschillen', 'EXPENSE', 'WFbeWisWis'),
  a('9100', 'Betalingsverschillen', 'EXPENSE', 'WBedAdlBet'),
  a('9200', 'Boekwinst en -verlies vaste activa', 'REVENUE', 'WAfsRvmObe'),
  a('9300', 'Vennootschapsbelasting', 'EXPENSE', 'WBelBgrBgr'),
  a('9999', 'Kruisposten en afrondingsverschillen', 'EXPENSE', 'WBedAdlOad'),
];

const v = (
  code: string,
  description: string,
  rate: string,
  direction: VatDirection,
  vatAccountCode: string | null,
  boxes: [string | null, string | null],
  reverseChargeInputAccount: string | null = null,
): ChartVatCodeSpec => ({
  code,
  description,
  rate,
  direction,
  reverseCharge: reverseChargeInputAccount !== null,
  vatAccountCode,
  inputVatAccountCode: reverseChargeInputAccount,
  turnoverBox: boxes[0],
  vatBox: boxes[1],
});

/** The default VAT codes of vat.md, with the accounts their VAT is booked on. */
export const DEFAULT_VAT_CODES: readonly ChartVatCodeSpec[] = [
  v('V21', 'Verkopen hoog tarief (21%)', '21', 'SALES', '1500', ['1a', '1a']),
  v('V9', 'Verkopen laag tarief (9%)', '9', 'SALES', '1500', ['1b', '1b']),
  v('V0', 'Verkopen 0% of niet bij u belast (ook btw verlegd)', '0', 'SALES', null, ['1e', null]),
  v('VPRIV', 'Privégebruik (21%)', '21', 'SALES', '1500', ['1d', '1d']),
  v('VEX', 'Uitvoer naar landen buiten de EU', '0', 'SALES', null, ['3a', null]),
  v('VEU', 'Leveringen/diensten aan ondernemers in de EU', '0', 'SALES', null, ['3b', null]),
  v('VDIST', 'Installatie/afstandsverkopen binnen de EU', '0', 'SALES', null, ['3c', null]),
  {
    ...v('VVRIJ', 'Vrijgestelde omzet (geen btw, niet in de aangifte)', '0', 'SALES', null, [
      null,
      null,
    ]),
    exemptionGround: 'Vrijgesteld van btw (art. 11 Wet OB 1968)',
  },
  v('I21', 'Inkopen met 21% voorbelasting', '21', 'PURCHASES', '1550', [null, '5b']),
  v('I9', 'Inkopen met 9% voorbelasting', '9', 'PURCHASES', '1550', [null, '5b']),
  v(
    'IVERL',
    'Inkopen binnenland, btw naar u verlegd',
    '21',
    'PURCHASES',
    '1500',
    ['2a', '2a'],
    '1550',
  ),
  v(
    'INEU',
    'Inkopen van buiten de EU, aan u berekend',
    '21',
    'PURCHASES',
    '1500',
    ['4a', '4a'],
    '1550',
  ),
  v(
    'IEU',
    'Inkopen uit EU-landen, aan u berekend',
    '21',
    'PURCHASES',
    '1500',
    ['4b', '4b'],
    '1550',
  ),
  v(
    'INEU9',
    'Inkopen van buiten de EU, aan u berekend (9%)',
    '9',
    'PURCHASES',
    '1500',
    ['4a', '4a'],
    '1550',
  ),
  v(
    'IEU9',
    'Inkopen uit EU-landen, aan u berekend (9%)',
    '9',
    'PURCHASES',
    '1500',
    ['4b', '4b'],
    '1550',
  ),
];

/** Memoriaal, verkoop, inkoop, bank and kas. */
export const DEFAULT_JOURNALS: readonly ChartJournalSpec[] = [
  { code: 'MEM', name: 'Memoriaal', type: 'GENERAL', accountCode: null },
  { code: 'VRK', name: 'Verkoopboek', type: 'SALES', accountCode: null },
  { code: 'INK', name: 'Inkoopboek', type: 'PURCHASES', accountCode: null },
  { code: 'BNK', name: 'Bank', type: 'BANK', accountCode: '1100' },
  { code: 'KAS', name: 'Kas', type: 'CASH', accountCode: '1000' },
];

/** The journal a posting without a journal code goes to. */
export const DEFAULT_JOURNAL_CODE = 'MEM';

/** The default Kantoor template, as shipped in code. */
export const KANTOOR_DEFAULT_CHART: ChartSpec = {
  accounts: [...DEFAULT_ACCOUNTS],
  vatCodes: [...DEFAULT_VAT_CODES],
  journals: [...DEFAULT_JOURNALS],
};

/** The id under which Query.kantoorChartTemplate shows the built-in template. */
export const KANTOOR_DEFAULT_TEMPLATE_ID = 'kantoor-default';
