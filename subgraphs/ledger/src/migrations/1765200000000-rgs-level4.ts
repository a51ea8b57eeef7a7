import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * RGS codes (issue 13, item 7): the default chart now maps every account to its own level-4
 * code of RGS 3.5 (rgs-codes.ts). Books and office templates opened from the earlier default
 * chart get the new code on each account that still has the earlier default's code and RGS
 * code (an account the office changed keeps what it has). Accounts the default chart no
 * longer has (1510, 1515, 1520, 1530, 1540: VAT due per rate, now all on 1500) map to RGS's
 * one VAT-payable account BSchBepBtw; in those books several accounts share it.
 */
const CHANGES: [code: string, before: string, after: string][] = [
  ['0420', 'BMvaBeiVvp', 'BMvaObeVvp'],
  ['0430', 'BMvaBeiCae', 'BMvaObeCae'],
  ['0600', 'BFva', 'BFvaOvrWaa'],
  ['0710', 'BEivKapPrsOps', 'BEivKapPro'],
  ['0720', 'BEivKapProOvp', 'BEivKapPrs'],
  ['0730', 'BEivGok', 'BEivGokGea'],
  ['0740', 'BEivOre', 'BEivOvrOrs'],
  ['0750', 'BEivOnv', 'BEivOreOvw'],
  ['0800', 'BVrz', 'BVrzOvzOvz'],
  ['0900', 'BLas', 'BLasSakLvl'],
  ['0910', 'BLas', 'BLasSakHvl'],
  ['1110', 'BLimBan', 'BLimBanSpa'],
  ['1310', 'BVorDeb', 'BVorDebVdd'],
  ['1350', 'BVorOva', 'BVorOvaOoa'],
  ['1360', 'BVorOva', 'BVorOvaVan'],
  ['1370', 'BVorOvr', 'BVorOvrOvk'],
  ['1500', 'BSchBepBtwOla', 'BSchBepBtw'],
  ['1550', 'BSchBepBtwVoo', 'BVorVbkTvo'],
  ['1560', 'BSchBepBtwAfo', 'BSchBepBaf'],
  ['1610', 'BSchOpa', 'BSchOpaNtb'],
  ['1620', 'BSchOpa', 'BSchOpaNto'],
  ['1700', 'BSchBep', 'BSchBepLhe'],
  ['1710', 'BSch', 'BSchSalNet'],
  ['1720', 'BSch', 'BSchOvsStp'],
  ['1730', 'BSchOpa', 'BSchSalTvg'],
  ['1800', 'BSch', 'BSchOvsRcb'],
  ['1900', 'BSch', 'BSchAosLvk'],
  ['2000', 'BVorTus', 'BVorTusTov'],
  ['2100', 'BVorTus', 'BVorTusTbt'],
  ['2200', 'BSchTus', 'BSchTusTsa'],
  ['3000', 'BVrdHan', 'BVrdHanVoo'],
  ['3100', 'BVrd', 'BVrdOweVoo'],
  ['4000', 'WPerLes', 'WPerLesLon'],
  ['4010', 'WPerSol', 'WPerSolPsv'],
  ['4020', 'WPerPen', 'WPerPenPen'],
  ['4030', 'WBedOvp', 'WBedOvpOvb'],
  ['4040', 'WBedOvp', 'WBedOvpOpk'],
  ['4050', 'WBedOvp', 'WBedOvpOvp'],
  ['4100', 'WBedHui', 'WBedHuiBeh'],
  ['4110', 'WBedHui', 'WBedHuiGwe'],
  ['4120', 'WBedHui', 'WBedHuiOng'],
  ['4130', 'WBedHui', 'WBedHuiSch'],
  ['4220', 'WBedAut', 'WBedAutAsa'],
  ['4230', 'WBedAut', 'WBedAutMot'],
  ['4240', 'WBedAut', 'WBedAutOpa'],
  ['4250', 'WBedAut', 'WBedAutPga'],
  ['4310', 'WBedVkk', 'WBedVkkRep'],
  ['4320', 'WBedVkk', 'WBedVkkRel'],
  ['4330', 'WBedVkk', 'WBedVkkRev'],
  ['4430', 'WBedKan', 'WBedKanPor'],
  ['4440', 'WBedKan', 'WBedKanDru'],
  ['4510', 'WBedAea', 'WBedAeaAea'],
  ['4520', 'WBedAea', 'WBedAeaAej'],
  ['4540', 'WBedAlk', 'WBedKanCea'],
  ['4560', 'WBedAlk', 'WBedEemKam'],
  ['4600', 'WAfsIva', 'WAfsAivGoo'],
  ['4610', 'WAfsMva', 'WAfsAmvBeg'],
  ['4620', 'WAfsMva', 'WAfsAmvMei'],
  ['4630', 'WAfsMva', 'WAfsAmvBei'],
  ['4640', 'WAfsMva', 'WAfsAmvTev'],
  ['7000', 'WKpr', 'WKprInhInh'],
  ['7200', 'WKpr', 'WKprVomVom'],
  ['7300', 'WKpr', 'WKprLebLeb'],
  ['8010', 'WOmzNopOll', 'WOmzNopOlv'],
  ['8020', 'WOmzNopOln', 'WOmzNopOlg'],
  ['8030', 'WOmzNop', 'WOmzNopOln'],
  ['8040', 'WOmzNop', 'WOmzNopOli'],
  ['8050', 'WOmzNop', 'WOmzNopOla'],
  ['8200', 'WOmzNop', 'WOmzNopNod'],
  ['8300', 'WOmz', 'WOmzKebVek'],
  ['8400', 'WOmz', 'WOmzNopOpg'],
  ['8900', 'WOvt', 'WOvbOvoOvo'],
  ['9000', 'WFbeRba', 'WFbeRlmObr'],
  ['9010', 'WFbeRla', 'WFbeOrlOrl'],
  ['9020', 'WFbe', 'WFbeWisWis'],
  ['9100', 'WBedAlk', 'WBedAdlBet'],
  ['9200', 'WBui', 'WAfsRvmObe'],
  ['9300', 'WBel', 'WBelBgrBgr'],
  ['9999', 'WBedAlk', 'WBedAdlOad'],
  ['1510', 'BSchBepBtwOlv', 'BSchBepBtw'],
  ['1515', 'BSchBepBtwOvm', 'BSchBepBtw'],
  ['1520', 'BSchBepBtwOlw', 'BSchBepBtw'],
  ['1530', 'BSchBepBtwOlb', 'BSchBepBtw'],
  ['1540', 'BSchBepBtwOlu', 'BSchBepBtw'],
];

export class RgsLevel41765200000000 implements MigrationInterface {
  name = 'RgsLevel41765200000000';

  async up(q: QueryRunner): Promise<void> {
    const codes = CHANGES.map((c) => c[0]);
    const before = CHANGES.map((c) => c[1]);
    const after = CHANGES.map((c) => c[2]);
    for (const table of ['accounts', 'chart_template_accounts']) {
      await q.query(
        `UPDATE ledger.${table} a SET rgs_code = c.after
           FROM unnest($1::text[], $2::text[], $3::text[]) AS c(code, before, after)
          WHERE a.code = c.code AND a.rgs_code = c.before`,
        [codes, before, after],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const codes = CHANGES.map((c) => c[0]);
    const before = CHANGES.map((c) => c[1]);
    const after = CHANGES.map((c) => c[2]);
    for (const table of ['accounts', 'chart_template_accounts']) {
      await q.query(
        `UPDATE ledger.${table} a SET rgs_code = c.before
           FROM unnest($1::text[], $2::text[], $3::text[]) AS c(code, before, after)
          WHERE a.code = c.code AND a.rgs_code = c.after`,
        [codes, before, after],
      );
    }
  }
}
