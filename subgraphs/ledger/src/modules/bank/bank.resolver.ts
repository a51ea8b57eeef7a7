import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { PageInfo, FirstArg, AfterArg } from '@kantoor/platform';
import type { LedgerContext } from '../../context.js';
import { accountById } from '../account/account.loaders.js';
import { Account, Journal } from '../account/account.type.js';
import { LedgerAdministration } from '../administration/administration.type.js';
import { withLedgerUserErrors } from '../common/ledger.errors.js';
import { rowKey } from '../common/ledger.loaders.js';
import { JournalEntry } from '../entry/entry.type.js';
import { firstMatchingRule } from './bank.calc.js';
import {
  CreateBankAccountInput,
  CreateBankAccountPayload,
  CreateBankRuleInput,
  SettleOpenItemsInput,
  SettleOpenItemsPayload,
  CreateBankRulePayload,
  DeleteBankRuleInput,
  DeleteBankRulePayload,
  ImportBankStatementInput,
  ImportBankStatementPayload,
  ProcessBankTransactionInput,
  ProcessBankTransactionPayload,
} from './bank.inputs.js';
import type { TransactionStatus } from './bank-read.service.js';
import {
  BankAccount,
  BankRule,
  BankStatement,
  BankTransaction,
  BankTransactionConnection,
  BankTransactionStatusEnum,
  BankTransactionSuggestion,
  OpenItem,
  OpenItemConnection,
  OpenItemStatusEnum,
  type OpenItemStatus,
} from './bank.type.js';
import type { OpenItemRow } from './open-items.sql.js';

/** Calendar days from `a` to `b` (dates "YYYY-MM-DD"). */
function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

function toOpenItem(row: OpenItemRow): OpenItem {
  return Object.assign(new OpenItem(), {
    administrationId: row.administrationId,
    entryId: row.entryId,
    id: row.id,
    accountCode: row.accountCode,
    date: row.date,
    reference: row.reference,
    description: row.description,
    side: row.side,
    amount: row.amount,
    openAmount: row.openAmount,
  });
}

function actorOf(ctx: LedgerContext): string | null {
  return ctx.viewer.kind === 'user' ? ctx.viewer.userId : null;
}

@Resolver(() => LedgerAdministration)
export class BankAdministrationResolver {
  @FieldResolver(() => [BankAccount], {
    nullable: true,
    description: 'LEDGER_READ. Bank accounts (bankrekeningen): the bank journals with an IBAN.',
  })
  async bankAccounts(
    @Root() administration: LedgerAdministration,
    @Ctx() ctx: LedgerContext,
  ): Promise<BankAccount[]> {
    const journals = await ctx.loaders.journals.load(administration.id);
    return journals.filter((j) => j.type === 'BANK' && j.iban !== null).map(BankAccount.from);
  }

  @FieldResolver(() => [BankRule], {
    nullable: true,
    description: 'LEDGER_READ. Booking rules for bank transactions, in the order they are tried.',
  })
  async bankRules(
    @Root() administration: LedgerAdministration,
    @Ctx() ctx: LedgerContext,
  ): Promise<BankRule[]> {
    return (await ctx.loaders.bankRules.load(administration.id)).map(BankRule.from);
  }

  @FieldResolver(() => OpenItemConnection, {
    nullable: true,
    description:
      'LEDGER_READ. Open items (openstaande posten): posted lines with a reference on a receivable (RGS BVorDebHad, e.g. 1300) or payable (RGS BSchCreHac, e.g. 1600) account, oldest first; by default the OPEN ones. `after`: an open item id (the next page starts after it).',
  })
  async openItems(
    @Root() administration: LedgerAdministration,
    @Ctx() ctx: LedgerContext,
    @Arg('status', () => OpenItemStatusEnum, { nullable: true, description: 'OPEN when absent.' })
    status?: OpenItemStatus,
    @FirstArg()
    first?: number,
    @AfterArg()
    after?: string,
  ): Promise<OpenItemConnection> {
    const page = await ctx.services.bankReads.openItems(administration.id, {
      status,
      first,
      after,
    });
    const nodes = page.rows.slice(0, page.limit).map(toOpenItem);
    const edges = nodes.map((node) => ({ cursor: node.id, node }));
    return {
      edges,
      pageInfo: Object.assign(new PageInfo(), {
        hasNextPage: page.rows.length > page.limit,
        hasPreviousPage: !!after,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      }),
      totalCount: page.totalCount,
    };
  }
}

@Resolver(() => BankAccount)
export class BankAccountResolver {
  @FieldResolver(() => Journal, { nullable: true, description: 'Its bank journal (dagboek).' })
  async journal(@Root() account: BankAccount, @Ctx() ctx: LedgerContext): Promise<Journal | null> {
    const journals = await ctx.loaders.journals.load(account.administrationId);
    const row = journals.find((j) => j.id === account.journalId);
    return row ? Journal.from(row) : null;
  }

  @FieldResolver(() => Account, {
    nullable: true,
    description: 'The ledger account the bank is booked on, e.g. 1100 Bank.',
  })
  account(@Root() account: BankAccount, @Ctx() ctx: LedgerContext): Promise<Account | null> {
    return accountById(ctx, account.administrationId, account.accountId);
  }

  @FieldResolver(() => [BankStatement], {
    nullable: true,
    description:
      'LEDGER_READ. The statements imported (with OPBD/CLBD balances), newest first, each checked against the previous statement and the ledger.',
  })
  async statements(
    @Root() account: BankAccount,
    @Ctx() ctx: LedgerContext,
  ): Promise<BankStatement[]> {
    const rows = await ctx.loaders.bankStatements.load(account.administrationId);
    return rows
      .filter((r) => r.journalId === account.journalId)
      .map((r) => Object.assign(new BankStatement(), r));
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'LEDGER_READ. Transactions not booked yet.',
  })
  async unprocessedCount(@Root() account: BankAccount, @Ctx() ctx: LedgerContext): Promise<number> {
    const counts = await ctx.loaders.unprocessedBankCounts.load(account.administrationId);
    return counts.find((c) => c.journalId === account.journalId)?.count ?? 0;
  }

  @FieldResolver(() => BankTransactionConnection, {
    nullable: true,
    description:
      'LEDGER_READ. Transactions, oldest first (booking date); by default the unprocessed ones (nog te verwerken), each with the suggestion of the first matching rule.',
  })
  async transactions(
    @Root() account: BankAccount,
    @Ctx() ctx: LedgerContext,
    @Arg('status', () => BankTransactionStatusEnum, {
      nullable: true,
      description: 'UNPROCESSED when absent.',
    })
    status?: TransactionStatus,
    @FirstArg()
    first?: number,
    @AfterArg()
    after?: string,
  ): Promise<BankTransactionConnection> {
    const page = await ctx.services.bankReads.transactions(
      account.administrationId,
      account.journalId,
      {
        status,
        first,
        after,
      },
    );
    return {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: BankTransaction.from(e.node) })),
    };
  }
}

@Resolver(() => BankTransaction)
export class BankTransactionResolver {
  @FieldResolver(() => JournalEntry, {
    nullable: true,
    description: 'The entry that booked it; null while unprocessed.',
  })
  async entry(
    @Root() tx: BankTransaction,
    @Ctx() ctx: LedgerContext,
  ): Promise<JournalEntry | null> {
    if (!tx.entryId) return null;
    const [row] = await ctx.loaders.entries.load(rowKey(tx.administrationId, tx.entryId));
    return row ? JournalEntry.from(row) : null;
  }

  @FieldResolver(() => BankTransactionSuggestion, {
    nullable: true,
    description:
      'For an unprocessed transaction: the account and VAT code of the first matching booking rule (computed when read, so a new rule applies to transactions already imported).',
  })
  async suggestion(
    @Root() tx: BankTransaction,
    @Ctx() ctx: LedgerContext,
  ): Promise<BankTransactionSuggestion | null> {
    if (tx.processed) return null;
    // An entry booked by hand on this bank account with the same amount, nearest in date
    // (within 7 days): the transaction is that entry, not a new booking.
    const booked = (await ctx.loaders.handBookedBankLines.load(tx.administrationId))
      .filter(
        (l) =>
          l.journalId === tx.journalId &&
          l.amount.equals(tx.amount) &&
          Math.abs(daysBetween(l.date, tx.bookingDate)) <= 7,
      )
      .sort(
        (a, b) =>
          Math.abs(daysBetween(a.date, tx.bookingDate)) -
          Math.abs(daysBetween(b.date, tx.bookingDate)),
      )[0];
    if (booked) {
      return Object.assign(new BankTransactionSuggestion(), {
        ruleId: null,
        accountCode: null,
        vatCode: null,
        openItemId: null,
        entryId: booked.entryId,
      });
    }
    const text = tx.description?.toLowerCase() ?? '';
    if (text) {
      const moneyIn = tx.amount.isPositive();
      const items = await ctx.loaders.openItems.load(tx.administrationId);
      const item = items.find(
        (i) =>
          text.includes(i.reference.toLowerCase()) &&
          (i.side === 'DEBIT') === moneyIn &&
          tx.amount.abs().lessThanOrEqualTo(i.openAmount),
      );
      if (item) {
        return Object.assign(new BankTransactionSuggestion(), {
          ruleId: null,
          accountCode: item.accountCode,
          vatCode: null,
          openItemId: item.id,
          entryId: null,
        });
      }
    }
    const rules = await ctx.loaders.bankRules.load(tx.administrationId);
    const rule = firstMatchingRule(rules, {
      counterpartyIban: tx.counterpartyIban,
      counterpartyName: tx.counterpartyName,
      remittance: tx.description,
    });
    if (!rule) return null;
    const account = await accountById(ctx, tx.administrationId, rule.accountId);
    if (!account) return null;
    return Object.assign(new BankTransactionSuggestion(), {
      ruleId: rule.id,
      accountCode: account.code,
      vatCode: rule.vatCode,
      openItemId: null,
      entryId: null,
    });
  }
}

@Resolver(() => BankRule)
export class BankRuleResolver {
  @FieldResolver(() => Account, {
    nullable: true,
    description: 'The account proposed for matching transactions.',
  })
  account(@Root() rule: BankRule, @Ctx() ctx: LedgerContext): Promise<Account | null> {
    return accountById(ctx, rule.administrationId, rule.accountId);
  }
}

@Resolver()
export class BankMutationResolver {
  @Mutation(() => CreateBankAccountPayload, {
    description:
      'ADMINISTRATION_MANAGE. Makes a bank journal the bank account of an IBAN. Codes: INVALID_IBAN, DUPLICATE_IBAN, UNKNOWN_JOURNAL, JOURNAL_IN_USE, UNKNOWN_ACCOUNT, ACCOUNT_BLOCKED, NOT_A_BALANCE_SHEET_ACCOUNT, EMPTY_NAME, TEXT_TOO_LONG, BOOKS_NOT_OPEN.',
  })
  createBankAccount(
    @Arg('input', () => CreateBankAccountInput, { description: 'The IBAN and its bank journal.' })
    input: CreateBankAccountInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<CreateBankAccountPayload> {
    return withLedgerUserErrors(async () => ({
      bankAccount: BankAccount.from(
        await ctx.services.bankAccounts.createBankAccount(input.administrationId, input),
      ),
    }));
  }

  @Mutation(() => ImportBankStatementPayload, {
    description:
      "LEDGER_WRITE. Reads a CAMT.053 bank statement (XML text) into the bank account's unprocessed transactions. Transactions already known (same bank entry reference, or the same date, amount, counterparty, description and end-to-end id) are not stored again, also when two imports run at once. Refused as a whole, nothing stored: FILE_TOO_LARGE, NOT_CAMT053, MALFORMED_STATEMENT (one per problem, naming statement and entry), IBAN_MISMATCH, BANK_ACCOUNT_NOT_FOUND, BOOKS_NOT_OPEN.",
  })
  importBankStatement(
    @Arg('input', () => ImportBankStatementInput, {
      description: 'The bank account and the CAMT.053 file.',
    })
    input: ImportBankStatementInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<ImportBankStatementPayload> {
    return withLedgerUserErrors(async () => {
      const r = await ctx.services.bankImports.importStatement(
        input.administrationId,
        input.bankAccountId,
        input.camt053,
        actorOf(ctx),
      );
      return {
        bankAccount: BankAccount.from(r.bankAccount),
        transactionCount: r.transactionCount,
        newCount: r.newCount,
        knownCount: r.knownCount,
        skippedCount: r.skippedCount,
        statementIds: r.statementIds,
      };
    });
  }

  @Mutation(() => ProcessBankTransactionPayload, {
    description:
      "LEDGER_WRITE. Books a bank transaction as a journal entry in its bank journal: the bank's ledger account against `accountCode` (with a VAT code the amount includes VAT). Once: ALREADY_PROCESSED after that. Or, with `openItemId` instead, against an open item (openstaande post): the item's account for the bank amount, recording the settlement in the same transaction (once, also under concurrency); a partial payment leaves the rest open. Codes: ACCOUNT_OR_OPEN_ITEM, OPEN_ITEM_NOT_FOUND, OPEN_ITEM_SETTLED, OPEN_ITEM_MISMATCH, BANK_TRANSACTION_NOT_FOUND, ALREADY_PROCESSED, UNKNOWN_ACCOUNT, ACCOUNT_BLOCKED, UNKNOWN_VAT_CODE, VAT_CODE_BLOCKED, VAT_CODE_DIRECTION, PERIOD_LOCKED, INVALID_DATE, EMPTY_DESCRIPTION, TEXT_TOO_LONG, BOOKS_NOT_OPEN.",
  })
  processBankTransaction(
    @Arg('input', () => ProcessBankTransactionInput, {
      description: 'The transaction and how to book it.',
    })
    input: ProcessBankTransactionInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<ProcessBankTransactionPayload> {
    return withLedgerUserErrors(async () => {
      const { transaction, entry } = await ctx.services.bankProcessing.process(
        input.administrationId,
        input,
        actorOf(ctx),
      );
      return { transaction: BankTransaction.from(transaction), entry: JournalEntry.from(entry) };
    });
  }

  @Mutation(() => SettleOpenItemsPayload, {
    description:
      'LEDGER_WRITE. Settles several open items together: with `transactionId` one payment across several items (an entry in the bank journal, one line per item with its reference; every item in full except the last, which takes the rest), without it items that cancel out per account (offset, no entry). Items with the same reference offset each other automatically when posted. Codes: NO_LINES, TOO_MANY_LINES, OPEN_ITEM_NOT_FOUND, OPEN_ITEM_SETTLED, OPEN_ITEM_MISMATCH, BANK_TRANSACTION_NOT_FOUND, BANK_ACCOUNT_NOT_FOUND, ALREADY_PROCESSED, PERIOD_LOCKED, INVALID_DATE, DATE_OUT_OF_RANGE, EMPTY_DESCRIPTION, TEXT_TOO_LONG, ADMINISTRATION_ARCHIVED, BOOKS_NOT_OPEN.',
  })
  settleOpenItems(
    @Arg('input', () => SettleOpenItemsInput, {
      description: 'The open items and, optionally, the paying transaction.',
    })
    input: SettleOpenItemsInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<SettleOpenItemsPayload> {
    return withLedgerUserErrors(async () => {
      const r = await ctx.services.openItems.settleTogether(
        input.administrationId,
        input,
        actorOf(ctx),
      );
      return {
        openItems: r.items.map(toOpenItem),
        entry: r.entry ? JournalEntry.from(r.entry) : null,
        transaction: r.transaction ? BankTransaction.from(r.transaction) : null,
      };
    });
  }

  @Mutation(() => CreateBankRulePayload, {
    description:
      'ADMINISTRATION_MANAGE. A booking rule, e.g. "counterparty IBAN X -> account 4600, VAT I21"; unprocessed transactions show the first matching rule as their suggestion. Codes: RULE_NEEDS_CONDITION, INVALID_IBAN, TEXT_TOO_LONG, UNKNOWN_ACCOUNT, ACCOUNT_BLOCKED, UNKNOWN_VAT_CODE, VAT_CODE_BLOCKED, BOOKS_NOT_OPEN.',
  })
  createBankRule(
    @Arg('input', () => CreateBankRuleInput, { description: 'The condition and what to propose.' })
    input: CreateBankRuleInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<CreateBankRulePayload> {
    return withLedgerUserErrors(async () => ({
      rule: BankRule.from(
        await ctx.services.bankRules.createRule(input.administrationId, input, actorOf(ctx)),
      ),
    }));
  }

  @Mutation(() => DeleteBankRulePayload, {
    description: 'ADMINISTRATION_MANAGE. Deletes a booking rule. Codes: BANK_RULE_NOT_FOUND.',
  })
  deleteBankRule(
    @Arg('input', () => DeleteBankRuleInput, { description: 'The rule to delete.' })
    input: DeleteBankRuleInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<DeleteBankRulePayload> {
    return withLedgerUserErrors(async () => ({
      ruleId: await ctx.services.bankRules.deleteRule(input.administrationId, input.ruleId),
    }));
  }
}
