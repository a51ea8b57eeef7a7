import {
  DateScalar,
  DateTimeScalar,
  DecimalScalar,
  PageInfo,
  type Decimal,
} from '@kantoor/platform';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { JournalEntity } from '../account/account.entity.js';
import type { BankRuleEntity, BankTransactionEntity } from './bank.entity.js';

export const BankTransactionStatusEnum = {
  UNPROCESSED: 'UNPROCESSED',
  PROCESSED: 'PROCESSED',
  ALL: 'ALL',
} as const;
registerEnumType(BankTransactionStatusEnum, {
  name: 'BankTransactionStatus',
  description: 'UNPROCESSED (nog te verwerken), PROCESSED (geboekt) or ALL.',
  valuesConfig: {
    UNPROCESSED: { description: 'Not booked yet (nog te verwerken).' },
    PROCESSED: { description: 'Booked into a journal entry (verwerkt).' },
    ALL: { description: 'Both.' },
  },
});

@ObjectType('BankAccount', {
  description:
    'Bank account (bankrekening): a bank journal (dagboek) with its IBAN, booked on a ledger account.',
})
export class BankAccount {
  administrationId!: string;
  journalId!: string;
  accountId!: string | null;

  @Field(() => ID, { description: 'The id of its bank journal.' }) id!: string;
  @Field(() => String, { description: 'Electronic format, e.g. "NL91ABNA0417164300".' })
  iban!: string;
  @Field(() => String, { description: "The bank journal's name." }) name!: string;
  @Field(() => String, { description: 'The bank journal\'s code, e.g. "BNK".' })
  journalCode!: string;

  static from(row: JournalEntity): BankAccount {
    return Object.assign(new BankAccount(), {
      administrationId: row.administrationId,
      journalId: row.id,
      accountId: row.accountId,
      id: row.id,
      iban: row.iban!,
      name: row.name,
      journalCode: row.code,
    });
  }
}

@ObjectType('BankTransactionSuggestion', {
  description:
    'What is proposed for a transaction: an open item whose reference is in the description (first), else the first matching booking rule.',
})
export class BankTransactionSuggestion {
  @Field(() => ID, { nullable: true, description: 'The matching rule; null for an open item.' })
  ruleId!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The rule's account, or the open item's account.",
  })
  accountCode!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The rule's VAT code; null for an open item or a rule without one.",
  })
  vatCode!: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The open item to process the transaction against (openItemId); null for a rule.',
  })
  openItemId!: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      'An entry booked by hand on this bank account with the same amount (within 7 days): the transaction is that entry (process it with entryId), not a new booking.',
  })
  entryId!: string | null;
}

export const OpenItemStatusEnum = { OPEN: 'OPEN', ALL: 'ALL' } as const;
export type OpenItemStatus = keyof typeof OpenItemStatusEnum;
registerEnumType(OpenItemStatusEnum, {
  name: 'OpenItemStatus',
  description: 'OPEN (open amount > 0) or ALL (settled ones too).',
  valuesConfig: {
    OPEN: { description: 'Items with an open amount above 0.' },
    ALL: { description: 'Settled items too.' },
  },
});

@ObjectType('OpenItem', {
  description:
    'Open item (openstaande post): a posted line with a reference on a receivable (debiteuren, RGS BVorDebHad) or payable (crediteuren, RGS BSchCreHac) account, settled by bank transactions.',
})
export class OpenItem {
  administrationId!: string;
  entryId!: string;

  @Field(() => ID, { description: '"<entry id>:<line no>".' }) id!: string;
  @Field(() => String, { description: 'The receivable or payable account, e.g. "1300".' })
  accountCode!: string;
  @Field(() => DateScalar, { description: "The entry's date." }) date!: string;
  @Field(() => String, {
    description: 'What ties the item to its payments, e.g. the invoice number.',
  })
  reference!: string;
  @Field(() => String, { description: "The line's description, else the entry's." })
  description!: string;
  @Field(() => String, {
    description:
      'DEBIT (settled by money coming in, e.g. a sales invoice) or CREDIT (settled by money going out, e.g. a purchase invoice).',
  })
  side!: string;
  @Field(() => DecimalScalar, { description: 'The line amount.' }) amount!: Decimal;
  @Field(() => DecimalScalar, { description: 'The amount minus its settlements.' })
  openAmount!: Decimal;
}

@ObjectType('BankTransaction', {
  description: 'Bank transaction (banktransactie) read from a statement.',
})
export class BankTransaction {
  administrationId!: string;
  journalId!: string;
  entryId!: string | null;

  @Field(() => ID, { description: 'Stable id of the transaction.' }) id!: string;
  @Field(() => DateScalar, { description: 'Booking date (boekdatum) at the bank.' })
  bookingDate!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Value date (valutadatum).' })
  valueDate!: string | null;
  @Field(() => DecimalScalar, {
    description: 'Signed: money in (bij) > 0, money out (af) < 0.',
  })
  amount!: Decimal;
  @Field(() => String, {
    nullable: true,
    description: 'Name of the other party, as the bank gives it.',
  })
  counterpartyName!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The other party's IBAN, as the bank gives it.",
  })
  counterpartyIban!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Remittance information (omschrijving / betalingskenmerk).',
  })
  description!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The payer's end-to-end reference (EndToEndId); null when absent or NOTPROVIDED.",
  })
  endToEndId!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The bank's entry reference (AcctSvcrRef).",
  })
  bankReference!: string | null;
  @Field(() => Boolean, { description: 'Booked (verwerkt) into a journal entry.' })
  processed!: boolean;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it was booked; null while unprocessed.',
  })
  processedAt!: Date | null;

  static from(row: BankTransactionEntity): BankTransaction {
    return Object.assign(new BankTransaction(), {
      administrationId: row.administrationId,
      journalId: row.journalId,
      entryId: row.entryId,
      id: row.id,
      bookingDate: row.bookingDate,
      valueDate: row.valueDate,
      amount: row.amount,
      counterpartyName: row.counterpartyName,
      counterpartyIban: row.counterpartyIban,
      description: row.remittance,
      endToEndId: row.endToEndId,
      bankReference: row.bankReference,
      processed: row.entryId !== null,
      processedAt: row.processedAt,
    });
  }
}

@ObjectType({ description: 'A bank transaction and its cursor.' })
export class BankTransactionEdge {
  @Field(() => String, { description: 'Opaque cursor of this edge, for `after`.' })
  cursor!: string;
  @Field(() => BankTransaction, { description: 'The transaction.' }) node!: BankTransaction;
}

@ObjectType({ description: 'A page of bank transactions, oldest first.' })
export class BankTransactionConnection {
  @Field(() => [BankTransactionEdge], { description: 'The transactions of this page.' })
  edges!: BankTransactionEdge[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages follow.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Transactions of the status, not just this page.' })
  totalCount!: number;
}

@ObjectType({ description: 'An open item (openstaande post) and its cursor.' })
export class OpenItemEdge {
  @Field(() => String, { description: "The open item's id; pass it as `after`." }) cursor!: string;
  @Field(() => OpenItem, { description: 'The open item.' }) node!: OpenItem;
}

@ObjectType({ description: 'A page of open items (openstaande posten), oldest first.' })
export class OpenItemConnection {
  @Field(() => [OpenItemEdge], { description: 'The items of this page.' }) edges!: OpenItemEdge[];
  @Field(() => PageInfo, { description: 'Cursors and whether more pages follow.' })
  pageInfo!: PageInfo;
  @Field(() => Int, { description: 'All items of the status, not just this page.' })
  totalCount!: number;
}

@ObjectType('BankRule', {
  description:
    'Booking rule (boekingsregel): transactions matching it are proposed for its account and VAT code.',
})
export class BankRule {
  administrationId!: string;
  accountId!: string;

  @Field(() => ID, { description: 'Stable id of the rule.' }) id!: string;
  @Field(() => String, { nullable: true, description: "Matches the counterparty's IBAN." })
  counterpartyIban!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "Matches when the description or counterparty's name contains it (any case).",
  })
  descriptionContains!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'VAT code proposed with the account; null for none.',
  })
  vatCode!: string | null;
  @Field(() => DateTimeScalar, { description: 'When the rule was made.' }) createdAt!: Date;

  static from(row: BankRuleEntity): BankRule {
    return Object.assign(new BankRule(), {
      administrationId: row.administrationId,
      accountId: row.accountId,
      id: row.id,
      counterpartyIban: row.counterpartyIban,
      descriptionContains: row.descriptionContains,
      vatCode: row.vatCode,
      createdAt: row.createdAt,
    });
  }
}

@ObjectType('BankStatement', {
  description:
    'A bank statement (bankafschrift) as imported, with the balances the bank declared (OPBD/CLBD) and their checks; computed when read.',
})
export class BankStatement {
  @Field(() => ID, { description: 'Stable id of the imported statement.' }) id!: string;
  @Field(() => String, { nullable: true, description: 'Stmt/Id of the CAMT.053 file.' })
  statementId!: string | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Date of the opening balance (OPBD); null when the file has none.',
  })
  openingDate!: string | null;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Opening balance (OPBD); positive is money on the account.',
  })
  openingBalance!: Decimal | null;
  @Field(() => DateScalar, { description: 'Date of the closing balance (CLBD).' })
  closingDate!: string;
  @Field(() => DecimalScalar, { description: 'Closing balance (CLBD).' }) closingBalance!: Decimal;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: "The previous statement's closing balance; null for the first statement.",
  })
  previousClosingBalance!: Decimal | null;
  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      "Opening balance minus the previous statement's closing balance: non-zero means a statement is missing or overlaps.",
  })
  openingDifference!: Decimal | null;
  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      "Closing - opening - the statement's entries: non-zero means the file is inconsistent.",
  })
  entriesDifference!: Decimal | null;
  @Field(() => DecimalScalar, {
    description: "The bank's ledger account balance up to the closing date (debit - credit).",
  })
  ledgerBalance!: Decimal;
  @Field(() => DecimalScalar, {
    description: 'Transactions up to the closing date not yet booked (still to process).',
  })
  unprocessedAmount!: Decimal;
  @Field(() => DecimalScalar, {
    description:
      'Closing balance - ledger balance - unprocessed amount: non-zero means the ledger disagrees with the bank (an open action).',
  })
  ledgerDifference!: Decimal;
  @Field(() => Boolean, { description: 'Every difference is zero.' }) balanced!: boolean;
}
