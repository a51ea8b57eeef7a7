import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * VAT codes (issue 13, item 2):
 * - vat_codes.exemption_ground (and on template VAT codes): the legal ground of an exempt
 *   supply (vrijgestelde prestatie, art. 11 Wet OB 1968), e.g. "art. 11 lid 1 sub g: medische
 *   diensten". A code with a ground is exempt: SALES at 0% without return boxes (an exempt
 *   supply is not reported in the VAT return).
 * - The new default codes VVRIJ (exempt sales), IEU9 and INEU9 (9% acquisitions from EU and
 *   non-EU countries, reverse charge, boxes 4b and 4a) are added to the books opened before
 *   them, where the accounts they book on (1530, 1540, 1550 of the default chart) exist and
 *   the code is not taken.
 */
export class VatCodes1765100200000 implements MigrationInterface {
  name = 'VatCodes1765100200000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['vat_codes', 'chart_template_vat_codes']) {
      await q.query(`ALTER TABLE ledger.${table}
        ADD COLUMN exemption_ground text
          CHECK (exemption_ground IS NULL OR length(trim(exemption_ground)) BETWEEN 1 AND 500),
        ADD CONSTRAINT ${table}_exempt CHECK (exemption_ground IS NULL OR
          (rate = 0 AND direction = 'SALES' AND NOT reverse_charge
           AND turnover_box IS NULL AND vat_box IS NULL))`);
    }
    await q.query(`INSERT INTO ledger.vat_codes
        (administration_id, code, description, rate, direction, reverse_charge, turnover_box, vat_box,
         exemption_ground)
      SELECT b.administration_id, 'VVRIJ', 'Vrijgestelde omzet (geen btw, niet in de aangifte)', 0,
             'SALES', false, NULL, NULL, 'Vrijgesteld van btw (art. 11 Wet OB 1968)'
        FROM ledger.books b
       WHERE NOT EXISTS (SELECT 1 FROM ledger.vat_codes v
                          WHERE v.administration_id = b.administration_id AND v.code = 'VVRIJ')`);
    for (const [code, description, dueAccount, box] of [
      ['IEU9', 'Inkopen uit EU-landen, aan u berekend (9%)', '1540', '4b'],
      ['INEU9', 'Inkopen van buiten de EU, aan u berekend (9%)', '1530', '4a'],
    ]) {
      await q.query(
        `INSERT INTO ledger.vat_codes
            (administration_id, code, description, rate, direction, reverse_charge, vat_account_id,
             input_vat_account_id, turnover_box, vat_box)
          SELECT b.administration_id, $1, $2, 9, 'PURCHASES', true, due.id, input.id, $4, $4
            FROM ledger.books b
            JOIN ledger.accounts due ON due.administration_id = b.administration_id AND due.code = $3
            JOIN ledger.accounts input ON input.administration_id = b.administration_id AND input.code = '1550'
           WHERE NOT EXISTS (SELECT 1 FROM ledger.vat_codes v
                              WHERE v.administration_id = b.administration_id AND v.code = $1)`,
        [code, description, dueAccount, box],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['vat_codes', 'chart_template_vat_codes']) {
      await q.query(`ALTER TABLE ledger.${table} DROP CONSTRAINT ${table}_exempt,
        DROP COLUMN exemption_ground`);
    }
  }
}
