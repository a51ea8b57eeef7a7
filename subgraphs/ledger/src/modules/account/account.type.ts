import { DecimalScalar, type Decimal } from '@kantoor/platform';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { JournalEntity, VatCodeEntity } from './account.entity.js';

export const ACCOUNT_TYPES = ['ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export const AccountTypeEnum = Object.fromEntries(ACCOUNT_TYPES.map((t) => [t, t])) as {
  [K in AccountType]: K;
};
registerEnumType(AccountTypeEnum, {
  name: 'AccountType',
  description: 'Balance sheet (ASSET, LIABILITY, EQUITY) or profit and loss (REVENUE, EXPENSE).',
  valuesConfig: {
    ASSET: { description: 'Activa (balance sheet): e.g. bank, debiteuren, inventory.' },
    LIABILITY: { description: 'Schulden (balance sheet): e.g. crediteuren, VAT payable, loans.' },
    EQUITY: { description: 'Eigen vermogen (balance sheet): capital, reserves, the result.' },
    REVENUE: { description: 'Opbrengsten (profit and loss): turnover (omzet) and other income.' },
    EXPENSE: { description: 'Kosten (profit and loss): cost of sales and expenses.' },
  },
});

export const VatDirectionEnum = { SALES: 'SALES', PURCHASES: 'PURCHASES' } as const;
registerEnumType(VatDirectionEnum, {
  name: 'VatDirection',
  description: 'SALES (verkopen: VAT due) or PURCHASES (inkopen: input VAT, voorbelasting).',
  valuesConfig: {
    SALES: { description: 'Verkopen: the VAT is due (te betalen).' },
    PURCHASES: { description: 'Inkopen: the VAT is input VAT (voorbelasting), to reclaim.' },
  },
});

export const JournalTypeEnum = {
  GENERAL: 'GENERAL',
  SALES: 'SALES',
  PURCHASES: 'PURCHASES',
  BANK: 'BANK',
  CASH: 'CASH',
} as const;
registerEnumType(JournalTypeEnum, {
  name: 'JournalType',
  description:
    'GENERAL (memoriaal), SALES (verkoopboek), PURCHASES (inkoopboek), BANK (bank), CASH (kas).',
  valuesConfig: {
    GENERAL: { description: 'Memoriaal: corrections, closing and other general entries.' },
    SALES: { description: 'Verkoopboek: sales invoices.' },
    PURCHASES: { description: 'Inkoopboek: purchase invoices.' },
    BANK: { description: 'Bank: the transactions of one bank account.' },
    CASH: { description: 'Kas: cash payments and receipts.' },
  },
});

@ObjectType('Account', { description: 'Ledger account (grootboekrekening).' })
export class Account {
  @Field(() => ID, { description: 'Stable id of the account.' }) id!: string;
  @Field(() => String, {
    description:
      'Ledger account number (grootboekrekening), unique per administration, e.g. "8000".',
  })
  code!: string;
  @Field(() => String, { description: 'Name of the account, e.g. "Omzet hoog tarief".' })
  name!: string;
  @Field(() => AccountTypeEnum, {
    description: 'Balance sheet or profit and loss, and which side.',
  })
  type!: AccountType;
  @Field(() => String, {
    nullable: true,
    description: 'Referentie GrootboekSchema code, e.g. "WOmzNop".',
  })
  rgsCode!: string | null;
  @Field(() => Boolean, {
    description: 'A blocked account (geblokkeerd) takes no new bookings; its history stays.',
  })
  blocked!: boolean;

  static from(row: {
    id: string;
    code: string;
    name: string;
    type: AccountType;
    rgsCode: string | null;
    blocked: boolean;
  }): Account {
    return Object.assign(new Account(), {
      id: row.id,
      code: row.code,
      name: row.name,
      type: row.type,
      rgsCode: row.rgsCode,
      blocked: row.blocked,
    });
  }
}

@ObjectType('VatCode', { description: 'VAT code (btw-code) of an administration.' })
export class VatCode {
  /** Resolves the VAT accounts through the per-request account loader. */
  administrationId!: string;
  vatAccountId!: string | null;
  inputVatAccountId!: string | null;

  @Field(() => ID, { description: 'Stable id of this VAT code (btw-code).' }) id!: string;
  @Field(() => String, {
    description:
      'Unique per administration, e.g. "V21" or "I21"; the default Dutch set is in ../shared/domain/vat.md.',
  })
  code!: string;
  @Field(() => String, { description: 'What the code is for, e.g. "Verkopen hoog tarief (21%)".' })
  description!: string;
  @Field(() => DecimalScalar, { description: 'Percentage, e.g. "21".' }) rate!: Decimal;
  @Field(() => VatDirectionEnum, { description: 'SALES (VAT due) or PURCHASES (input VAT).' })
  direction!: 'SALES' | 'PURCHASES';
  @Field(() => Boolean, {
    description:
      'Reverse charge (btw verlegd / aan u berekend): a line books the VAT due and the equal input VAT.',
  })
  reverseCharge!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'Box (rubriek) of the VAT return for the turnover, e.g. "1a".',
  })
  turnoverBox!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Box (rubriek) of the VAT return for the VAT amount, e.g. "1a" or "5b".',
  })
  vatBox!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Exempt supplies (vrijgesteld, e.g. VVRIJ): the legal ground, e.g. "art. 11 lid 1 sub g Wet OB 1968"; such a code is a 0% sales code without return boxes. Null for other codes.',
  })
  exemptionGround!: string | null;
  @Field(() => Boolean, {
    description: 'A blocked code (geblokkeerd) takes no new bookings; its history stays.',
  })
  blocked!: boolean;

  static from(row: VatCodeEntity): VatCode {
    return Object.assign(new VatCode(), {
      id: row.id,
      administrationId: row.administrationId,
      vatAccountId: row.vatAccountId,
      inputVatAccountId: row.inputVatAccountId,
      code: row.code,
      description: row.description,
      rate: row.rate,
      direction: row.direction,
      reverseCharge: row.reverseCharge,
      turnoverBox: row.turnoverBox,
      vatBox: row.vatBox,
      exemptionGround: row.exemptionGround,
      blocked: row.blocked,
    });
  }
}

@ObjectType('Journal', { description: 'Journal (dagboek): memoriaal, verkoop, inkoop, bank, kas.' })
export class Journal {
  administrationId!: string;
  accountId!: string | null;

  @Field(() => ID, { description: 'Stable id of the journal.' }) id!: string;
  @Field(() => String, { description: 'Unique per administration, e.g. "MEM", "BNK".' })
  code!: string;
  @Field(() => String, { description: 'Name of the journal, e.g. "Memoriaal".' }) name!: string;
  @Field(() => JournalTypeEnum, { description: 'Which kind of journal (dagboek).' })
  type!: keyof typeof JournalTypeEnum;
  @Field(() => String, { nullable: true, description: 'IBAN of a bank journal.' })
  iban!: string | null;

  static from(row: JournalEntity): Journal {
    return Object.assign(new Journal(), {
      administrationId: row.administrationId,
      accountId: row.accountId,
      id: row.id,
      code: row.code,
      name: row.name,
      type: row.type,
      iban: row.iban,
    });
  }
}
