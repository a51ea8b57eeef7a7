import { DateScalar, UserError } from '@kantoor/platform';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { JournalEntry } from '../entry/entry.type.js';
import { BankAccount, BankRule, BankTransaction, OpenItem } from './bank.type.js';

@InputType({ description: 'A bank account (bankrekening) for an administration.' })
export class CreateBankAccountInput {
  @Field(() => ID, { description: 'The administration that gets the bank account.' })
  administrationId!: string;
  @Field(() => String, { description: 'Spaces and lower case are fine: "nl91 abna 0417 1643 00".' })
  iban!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The bank journal\'s name; kept (or "Bank <IBAN>" for a new journal) when omitted.',
  })
  name?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "Ledger account the bank is booked on (asset or liability): the journal's account, else 1100 Bank, when omitted.",
  })
  accountCode?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'An existing BANK journal without IBAN; when omitted the first such journal (the default "BNK"), else a new journal "BNK2", "BNK3", ...',
  })
  journalCode?: string | null;
}

@ObjectType({ description: 'The result of createBankAccount.' })
export class CreateBankAccountPayload {
  @Field(() => BankAccount, {
    nullable: true,
    description: 'The bank account; null when userErrors is not empty.',
  })
  bankAccount?: BankAccount | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'A CAMT.053 bank statement to import.' })
export class ImportBankStatementInput {
  @Field(() => ID, { description: 'The administration of the bank account.' })
  administrationId!: string;
  @Field(() => ID, {
    description: "The bank account (its journal's id); the file's IBAN must be its IBAN.",
  })
  bankAccountId!: string;
  @Field(() => String, {
    description:
      "The CAMT.053 statement file (XML, as downloaded from the bank) as text: a frontend reads the file as text and sends it here. At most 5 MB (FILE_TOO_LARGE); the gateway's request limit (KANTOOR_MAX_BODY_BYTES) must allow it.",
  })
  camt053!: string;
}

@ObjectType({ description: 'The result of importBankStatement.' })
export class ImportBankStatementPayload {
  @Field(() => BankAccount, {
    nullable: true,
    description: 'The bank account; null when userErrors is not empty.',
  })
  bankAccount?: BankAccount | null;
  @Field(() => Int, { nullable: true, description: 'Booked entries in the file.' })
  transactionCount?: number | null;
  @Field(() => Int, { nullable: true, description: 'Stored by this import (new).' })
  newCount?: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Already known from an earlier import: not stored again.',
  })
  knownCount?: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Entries not booked by the bank yet (pending, information only): left out.',
  })
  skippedCount?: number | null;
  @Field(() => [String], { nullable: true, description: "The statements' ids (Stmt/Id)." })
  statementIds?: string[] | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'How to book one bank transaction.' })
export class ProcessBankTransactionInput {
  @Field(() => ID, { description: 'The administration of the transaction.' })
  administrationId!: string;
  @Field(() => ID, { description: 'The unprocessed bank transaction.' }) transactionId!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The account booked against the bank (e.g. 4100 rent, 1300 debtors). Exactly one of accountCode and openItemId (ACCOUNT_OR_OPEN_ITEM).',
  })
  accountCode?: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      "An open item (Administration.openItems) the transaction settles: the bank against the item's account for the bank amount, no VAT. Money in settles a DEBIT item (a receivable), money out a CREDIT item (a payable); at most the open amount (OPEN_ITEM_MISMATCH), a partial payment leaves the rest open.",
  })
  openItemId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      "An entry booked by hand on the bank account that this transaction is (suggestion.entryId): the transaction is linked to it, nothing new is booked. It needs a line of exactly the transaction's amount on the bank's ledger account (ENTRY_MISMATCH), not linked to another transaction (ALREADY_PROCESSED).",
  })
  entryId?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The bank amount then includes VAT: the line carries net = amount / (1 + rate), rounded half up to cents, and the ledger adds VAT = amount - net. Reverse-charge and 0% codes: the whole amount is net.',
  })
  vatCode?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'The account line is a correction, e.g. a refund to a customer with a sales VAT code (money out, sales code): see JournalEntryLineInput.correction.',
  })
  correction?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description: "The entry's description; default: counterparty and remittance information.",
  })
  description?: string | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: "The entry's date; default: the bank's booking date.",
  })
  date?: string | null;
}

@ObjectType({ description: 'The result of processBankTransaction.' })
export class ProcessBankTransactionPayload {
  @Field(() => BankTransaction, {
    nullable: true,
    description: 'The transaction, now processed; null when userErrors is not empty.',
  })
  transaction?: BankTransaction | null;
  @Field(() => JournalEntry, { nullable: true, description: 'The entry in the bank journal.' })
  entry?: JournalEntry | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({
  description: 'A rule names a counterparty IBAN, a text, or both (then both must match).',
})
export class CreateBankRuleInput {
  @Field(() => ID, { description: 'The administration that gets the rule.' })
  administrationId!: string;
  @Field(() => String, {
    nullable: true,
    description: "Matches the counterparty's IBAN (spaces and case do not matter).",
  })
  counterpartyIban?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "Text in the description or the counterparty's name (any case).",
  })
  descriptionContains?: string | null;
  @Field(() => String, { description: 'The account to propose, e.g. "4600".' })
  accountCode!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The VAT code to propose; none when omitted.',
  })
  vatCode?: string | null;
}

@ObjectType({ description: 'The result of createBankRule.' })
export class CreateBankRulePayload {
  @Field(() => BankRule, {
    nullable: true,
    description: 'The new rule; null when userErrors is not empty.',
  })
  rule?: BankRule | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({ description: 'A booking rule to delete.' })
export class DeleteBankRuleInput {
  @Field(() => ID, { description: 'The administration of the rule.' }) administrationId!: string;
  @Field(() => ID, { description: 'The rule.' }) ruleId!: string;
}

@ObjectType({ description: 'The result of deleteBankRule.' })
export class DeleteBankRulePayload {
  @Field(() => ID, {
    nullable: true,
    description: 'The id of the deleted rule; null when userErrors is not empty.',
  })
  ruleId?: string | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}

@InputType({
  description:
    'Settle several open items together: one payment across several invoices (and credit notes), or open items that cancel each other out.',
})
export class SettleOpenItemsInput {
  @Field(() => ID, { description: 'The administration of the items.' }) administrationId!: string;
  @Field(() => [ID], {
    description:
      'The open items (Administration.openItems), at most 200. With a transaction: each is settled in full except the last one, which takes what remains of the payment (a partial payment). Without: they must cancel out per account.',
  })
  openItemIds!: string[];
  @Field(() => ID, {
    nullable: true,
    description:
      'A bank transaction not yet processed: booked as one entry in its bank journal, the bank against one line per item (its account and reference).',
  })
  transactionId?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The entry's description; default: counterparty and remittance information.",
  })
  description?: string | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: "The entry's date; default: the bank's booking date.",
  })
  date?: string | null;
}

@ObjectType({ description: 'The result of settleOpenItems.' })
export class SettleOpenItemsPayload {
  @Field(() => [OpenItem], {
    nullable: true,
    description: 'The items, in the order given, with what is still open.',
  })
  openItems?: OpenItem[] | null;
  @Field(() => JournalEntry, {
    nullable: true,
    description: 'The entry in the bank journal; null when items were offset without money.',
  })
  entry?: JournalEntry | null;
  @Field(() => BankTransaction, {
    nullable: true,
    description:
      'The bank transaction, now processed; null without one or when userErrors is not empty.',
  })
  transaction?: BankTransaction | null;
  @Field(() => [UserError], {
    description: 'Why nothing was changed, one entry per problem; empty on success.',
  })
  userErrors!: UserError[];
}
