import { isUuid, scoped } from '@kantoor/platform';
import type { DataSource } from 'typeorm';
import { AccountEntity, VatCodeEntity } from '../account/account.entity.js';
import { lockBooks } from '../account/books.service.js';
import { ErrorList, ledgerError } from '../common/ledger.errors.js';
import { optionalText } from '../common/ledger.validation.js';
import { BankRuleEntity } from './bank.entity.js';
import { insertRule } from './bank.sql.js';
import { checkIban } from './bank.validation.js';

const MAX_RULE_TEXT = 200;

export interface NewRuleValues {
  counterpartyIban?: string | null;
  descriptionContains?: string | null;
  accountCode: string;
  vatCode?: string | null;
}

/** Booking rules: which account (and VAT code) a bank transaction is suggested to go to. */
export class BankRuleService {
  constructor(private readonly db: DataSource) {}

  /** A booking rule; rules are tried in the order they were made. */
  async createRule(
    administrationId: string,
    values: NewRuleValues,
    actorId: string | null,
  ): Promise<BankRuleEntity> {
    const errors = new ErrorList();
    const iban =
      values.counterpartyIban === null ||
      values.counterpartyIban === undefined ||
      values.counterpartyIban.trim() === ''
        ? null
        : checkIban(values.counterpartyIban, ['input', 'counterpartyIban'], errors);
    const contains = optionalText(
      values.descriptionContains,
      ['input', 'descriptionContains'],
      errors,
    );
    if (contains && contains.length > MAX_RULE_TEXT) {
      errors.add('TEXT_TOO_LONG', `At most ${MAX_RULE_TEXT} characters.`, [
        'input',
        'descriptionContains',
      ]);
    }
    const ibanGiven = !!values.counterpartyIban?.trim();
    if (!ibanGiven && !contains) {
      errors.add(
        'RULE_NEEDS_CONDITION',
        'A rule names a counterparty IBAN, a text the description contains, or both.',
        ['input'],
      );
    }
    const vatCode = values.vatCode?.trim() ? values.vatCode.trim().toUpperCase() : null;
    return this.db.transaction(async (m) => {
      await lockBooks(m, administrationId, 'share');
      const account = await scoped(m, AccountEntity, administrationId).findOneBy({
        code: (values.accountCode ?? '').trim(),
      });
      if (!account) {
        errors.add('UNKNOWN_ACCOUNT', `There is no account "${values.accountCode}".`, [
          'input',
          'accountCode',
        ]);
      } else if (account.blocked) {
        errors.add('ACCOUNT_BLOCKED', `Account ${account.code} is blocked.`, [
          'input',
          'accountCode',
        ]);
      }
      if (vatCode) {
        const vat = await scoped(m, VatCodeEntity, administrationId).findOneBy({ code: vatCode });
        if (!vat) {
          errors.add('UNKNOWN_VAT_CODE', `There is no VAT code "${vatCode}".`, [
            'input',
            'vatCode',
          ]);
        } else if (vat.blocked) {
          errors.add('VAT_CODE_BLOCKED', `VAT code ${vatCode} is blocked.`, ['input', 'vatCode']);
        }
      }
      errors.throwIfAny();
      const id = await insertRule(m, administrationId, {
        counterpartyIban: iban,
        descriptionContains: contains && contains.length > 0 ? contains : null,
        accountId: account!.id,
        vatCode,
        actorId,
      });
      return (await scoped(m, BankRuleEntity, administrationId).findOneBy({ id }))!;
    });
  }

  /** Deletes a rule; transactions it suggested for are simply suggested anew. */
  async deleteRule(administrationId: string, ruleId: string): Promise<string> {
    return this.db.transaction(async (m) => {
      await lockBooks(m, administrationId, 'share');
      const deleted = isUuid(ruleId)
        ? await scoped(m, BankRuleEntity, administrationId).delete({ id: ruleId })
        : 0;
      if (deleted === 0) {
        throw ledgerError('BANK_RULE_NOT_FOUND', 'No such rule.', ['input', 'ruleId']);
      }
      return ruleId;
    });
  }
}
