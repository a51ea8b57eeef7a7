import {
  DateScalar,
  DateTimeScalar,
  DecimalScalar,
  MoneyDecimal,
  type Decimal,
  FirstArg,
  AfterArg,
} from '@kantoor/platform';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { LedgerContext } from '../../context.js';
import { Account, Journal } from '../account/account.type.js';
import { LedgerAdministration } from '../administration/administration.type.js';
import { withLedgerUserErrors } from '../common/ledger.errors.js';
import { rowKey } from '../common/ledger.loaders.js';
import {
  CreateDraftJournalEntryInput,
  DeleteDraftJournalEntryInput,
  DeleteDraftJournalEntryPayload,
  DraftJournalEntryPayload,
  PostDraftJournalEntryInput,
  PostJournalEntryInput,
  PostJournalEntryPayload,
  ReverseJournalEntryInput,
  ReverseJournalEntryPayload,
  UpdateDraftJournalEntryInput,
} from './entry.inputs.js';
import {
  DraftJournalEntry,
  DraftJournalEntryConnection,
  DraftJournalEntryLine,
  JournalEntry,
  JournalEntryConnection,
  JournalEntryLine,
} from './entry.type.js';

function actorOf(ctx: LedgerContext): string | null {
  return ctx.viewer.kind === 'user' ? ctx.viewer.userId : null;
}

async function accountsById(ctx: LedgerContext, administrationId: string) {
  const rows = await ctx.loaders.accounts.load(administrationId);
  return new Map(rows.map((a) => [a.id, a]));
}

async function journalOf(ctx: LedgerContext, administrationId: string, journalId: string) {
  const journals = await ctx.loaders.journals.load(administrationId);
  const row = journals.find((j) => j.id === journalId);
  return row ? Journal.from(row) : null;
}

@Resolver(() => LedgerAdministration)
export class EntryAdministrationResolver {
  @FieldResolver(() => JournalEntryConnection, {
    nullable: true,
    description: 'LEDGER_READ; newest first.',
  })
  async journalEntries(
    @Root() administration: LedgerAdministration,
    @Ctx() ctx: LedgerContext,
    @FirstArg()
    first?: number,
    @AfterArg()
    after?: string,
    @Arg('from', () => DateScalar, {
      nullable: true,
      description: 'Only entries dated on or after this day (YYYY-MM-DD).',
    })
    from?: string,
    @Arg('to', () => DateScalar, {
      nullable: true,
      description: 'Only entries dated on or before this day (YYYY-MM-DD).',
    })
    to?: string,
    @Arg('updatedSince', () => DateTimeScalar, {
      nullable: true,
      description:
        'For polling: only entries posted at or after this instant (postedAt). Entries never change (a correction is a new, reversing entry), so this finds every change. Poll with the start of your previous poll minus a minute and skip ids you have seen.',
    })
    updatedSince?: Date,
  ): Promise<JournalEntryConnection> {
    const page = await ctx.services.entryReads.entries(administration.id, {
      first,
      after,
      from,
      to,
      updatedSince,
    });
    return {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: JournalEntry.from(e.node) })),
    };
  }

  @FieldResolver(() => JournalEntry, {
    nullable: true,
    description: 'LEDGER_READ. Null when there is no such entry.',
  })
  async journalEntry(
    @Root() administration: LedgerAdministration,
    @Arg('id', () => ID, { description: "The entry's id." }) id: string,
    @Ctx() ctx: LedgerContext,
  ): Promise<JournalEntry | null> {
    const [row] = await ctx.loaders.entries.load(rowKey(administration.id, id));
    return row ? JournalEntry.from(row) : null;
  }

  @FieldResolver(() => DraftJournalEntryConnection, {
    nullable: true,
    description: 'LEDGER_READ. Draft entries (te boeken journaalposten), newest date first.',
  })
  async draftJournalEntries(
    @Root() administration: LedgerAdministration,
    @Ctx() ctx: LedgerContext,
    @FirstArg()
    first?: number,
    @AfterArg()
    after?: string,
  ): Promise<DraftJournalEntryConnection> {
    const page = await ctx.services.entryReads.drafts(administration.id, { first, after });
    return {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: DraftJournalEntry.from(e.node) })),
    };
  }

  @FieldResolver(() => DraftJournalEntry, { nullable: true, description: 'LEDGER_READ.' })
  async draftJournalEntry(
    @Root() administration: LedgerAdministration,
    @Arg('id', () => ID, { description: "The draft's id." }) id: string,
    @Ctx() ctx: LedgerContext,
  ): Promise<DraftJournalEntry | null> {
    const row = await ctx.services.entryReads.draftById(administration.id, id);
    return row ? DraftJournalEntry.from(row) : null;
  }
}

@Resolver(() => JournalEntry)
export class JournalEntryResolver {
  @FieldResolver(() => [JournalEntryLine], {
    description: 'In order; VAT lines follow their line.',
  })
  async lines(@Root() entry: JournalEntry, @Ctx() ctx: LedgerContext): Promise<JournalEntryLine[]> {
    const [lines, accounts] = await Promise.all([
      ctx.loaders.entryLines.load(rowKey(entry.administrationId, entry.id)),
      accountsById(ctx, entry.administrationId),
    ]);
    return lines.map((l) =>
      Object.assign(new JournalEntryLine(), {
        id: `${entry.id}:${l.lineNo}`,
        account: Account.from(accounts.get(l.accountId)!),
        debit: l.debit,
        credit: l.credit,
        vatCode: l.vatCode,
        description: l.description,
        lineNo: l.lineNo,
        kind: l.kind,
        reference: l.reference ?? null,
        correction: l.correction === true,
      }),
    );
  }

  @FieldResolver(() => Journal, { nullable: true, description: 'Journal (dagboek).' })
  journal(@Root() entry: JournalEntry, @Ctx() ctx: LedgerContext): Promise<Journal | null> {
    return journalOf(ctx, entry.administrationId, entry.journalId);
  }

  @FieldResolver(() => JournalEntry, {
    nullable: true,
    description: 'For a reversal (tegenboeking): the entry it reverses.',
  })
  async reverses(
    @Root() entry: JournalEntry,
    @Ctx() ctx: LedgerContext,
  ): Promise<JournalEntry | null> {
    if (!entry.reversesEntryId) return null;
    const [row] = await ctx.loaders.entries.load(
      rowKey(entry.administrationId, entry.reversesEntryId),
    );
    return row ? JournalEntry.from(row) : null;
  }

  @FieldResolver(() => JournalEntry, {
    nullable: true,
    description: 'The reversal of this entry, if any.',
  })
  async reversedBy(
    @Root() entry: JournalEntry,
    @Ctx() ctx: LedgerContext,
  ): Promise<JournalEntry | null> {
    const [row] = await ctx.loaders.reversals.load(rowKey(entry.administrationId, entry.id));
    return row ? JournalEntry.from(row) : null;
  }
}

@Resolver(() => DraftJournalEntry)
export class DraftJournalEntryResolver {
  private async rows(draft: DraftJournalEntry, ctx: LedgerContext) {
    return ctx.loaders.draftLines.load(rowKey(draft.administrationId, draft.id));
  }

  @FieldResolver(() => [DraftJournalEntryLine], {
    description: 'The lines as entered; VAT lines are added when it is posted.',
  })
  async lines(
    @Root() draft: DraftJournalEntry,
    @Ctx() ctx: LedgerContext,
  ): Promise<DraftJournalEntryLine[]> {
    const [lines, accounts] = await Promise.all([
      this.rows(draft, ctx),
      accountsById(ctx, draft.administrationId),
    ]);
    return lines.map((l) =>
      Object.assign(new DraftJournalEntryLine(), {
        id: `${draft.id}:${l.lineNo}`,
        account: Account.from(accounts.get(l.accountId)!),
        debit: l.debit,
        credit: l.credit,
        vatCode: l.vatCode,
        description: l.description,
        reference: l.reference ?? null,
        correction: l.correction === true,
      }),
    );
  }

  @FieldResolver(() => Journal, {
    nullable: true,
    description: 'Journal (dagboek) it will be posted in.',
  })
  journal(@Root() draft: DraftJournalEntry, @Ctx() ctx: LedgerContext): Promise<Journal | null> {
    return journalOf(ctx, draft.administrationId, draft.journalId);
  }

  @FieldResolver(() => DecimalScalar, {
    description: 'Sum of the debits as entered (net, before VAT).',
  })
  async totalDebit(@Root() draft: DraftJournalEntry, @Ctx() ctx: LedgerContext): Promise<Decimal> {
    return (await this.rows(draft, ctx)).reduce((s, l) => s.plus(l.debit), new MoneyDecimal(0));
  }

  @FieldResolver(() => DecimalScalar, {
    description: 'Sum of the credits as entered (net, before VAT).',
  })
  async totalCredit(@Root() draft: DraftJournalEntry, @Ctx() ctx: LedgerContext): Promise<Decimal> {
    return (await this.rows(draft, ctx)).reduce((s, l) => s.plus(l.credit), new MoneyDecimal(0));
  }
}

@Resolver()
export class EntryMutationResolver {
  @Mutation(() => PostJournalEntryPayload, {
    description:
      'LEDGER_WRITE. Unbalanced (after VAT lines), unknown account, amount <= 0 or a locked period: userErrors, nothing booked. Codes: BOOKS_NOT_OPEN, INVALID_DATE, DATE_OUT_OF_RANGE (by default before 2000-01-01 or more than a year after today; KANTOOR_LEDGER_EARLIEST_DATE, KANTOOR_LEDGER_MAX_DAYS_AHEAD), EMPTY_DESCRIPTION, TEXT_TOO_LONG, NO_LINES, TOO_MANY_LINES, DEBIT_OR_CREDIT, INVALID_AMOUNT, TOO_MANY_DECIMALS, AMOUNT_NOT_POSITIVE, UNKNOWN_ACCOUNT, ACCOUNT_BLOCKED, UNKNOWN_VAT_CODE, VAT_CODE_BLOCKED, VAT_CODE_DIRECTION, UNKNOWN_JOURNAL, PERIOD_LOCKED, UNBALANCED_ENTRY, INVALID_IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_REUSED.',
  })
  postJournalEntry(
    @Arg('input', () => PostJournalEntryInput, { description: 'The entry to post.' })
    input: PostJournalEntryInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<PostJournalEntryPayload> {
    return withLedgerUserErrors(async () => ({
      entry: JournalEntry.from(
        await ctx.services.entries.post(input.administrationId, input, actorOf(ctx)),
      ),
    }));
  }

  @Mutation(() => ReverseJournalEntryPayload, {
    description:
      'LEDGER_WRITE. Books the mirror entry (tegenboeking) of a posted entry and links both. Codes: ENTRY_NOT_FOUND, ALREADY_REVERSED, CANNOT_REVERSE_REVERSAL, PERIOD_LOCKED, INVALID_DATE, DATE_OUT_OF_RANGE, EMPTY_DESCRIPTION, IDEMPOTENCY_KEY_REUSED, BOOKS_NOT_OPEN.',
  })
  reverseJournalEntry(
    @Arg('input', () => ReverseJournalEntryInput, { description: 'The entry to reverse.' })
    input: ReverseJournalEntryInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<ReverseJournalEntryPayload> {
    return withLedgerUserErrors(async () => {
      const { reversal, original } = await ctx.services.reversals.reverse(
        input.administrationId,
        input.entryId,
        input,
        actorOf(ctx),
      );
      return { entry: JournalEntry.from(reversal), reversedEntry: JournalEntry.from(original) };
    });
  }

  @Mutation(() => DraftJournalEntryPayload, {
    description:
      'LEDGER_WRITE. Saves a draft entry (no number; may be unbalanced; accounts and VAT codes must exist). Codes as postJournalEntry, without balance, block and lock checks.',
  })
  createDraftJournalEntry(
    @Arg('input', () => CreateDraftJournalEntryInput, { description: 'The draft.' })
    input: CreateDraftJournalEntryInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<DraftJournalEntryPayload> {
    return withLedgerUserErrors(async () => ({
      draft: DraftJournalEntry.from(
        await ctx.services.drafts.create(input.administrationId, input, actorOf(ctx)),
      ),
    }));
  }

  @Mutation(() => DraftJournalEntryPayload, {
    description:
      'LEDGER_WRITE. Replaces a draft. Codes as createDraftJournalEntry, and DRAFT_NOT_FOUND.',
  })
  updateDraftJournalEntry(
    @Arg('input', () => UpdateDraftJournalEntryInput, {
      description: 'The draft and its new content.',
    })
    input: UpdateDraftJournalEntryInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<DraftJournalEntryPayload> {
    return withLedgerUserErrors(async () => ({
      draft: DraftJournalEntry.from(
        await ctx.services.drafts.update(input.administrationId, input.draftId, input),
      ),
    }));
  }

  @Mutation(() => DeleteDraftJournalEntryPayload, {
    description: 'LEDGER_WRITE. Deletes a draft (never a posted entry). Codes: DRAFT_NOT_FOUND.',
  })
  deleteDraftJournalEntry(
    @Arg('input', () => DeleteDraftJournalEntryInput, { description: 'The draft to delete.' })
    input: DeleteDraftJournalEntryInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<DeleteDraftJournalEntryPayload> {
    return withLedgerUserErrors(async () => ({
      draftId: await ctx.services.drafts.delete(input.administrationId, input.draftId),
    }));
  }

  @Mutation(() => PostJournalEntryPayload, {
    description:
      'LEDGER_WRITE. Posts a draft with every check of postJournalEntry; the entry keeps the draft\'s id and the draft is gone. Problems in the draft\'s lines point at ["draft", "lines", "<n>", ...]. Codes: DRAFT_NOT_FOUND, NO_LINES, ACCOUNT_BLOCKED, UNKNOWN_VAT_CODE, VAT_CODE_BLOCKED, PERIOD_LOCKED, UNBALANCED_ENTRY, IDEMPOTENCY_KEY_REUSED.',
  })
  postDraftJournalEntry(
    @Arg('input', () => PostDraftJournalEntryInput, { description: 'The draft to post.' })
    input: PostDraftJournalEntryInput,
    @Ctx() ctx: LedgerContext,
  ): Promise<PostJournalEntryPayload> {
    return withLedgerUserErrors(async () => ({
      entry: JournalEntry.from(
        await ctx.services.drafts.post(
          input.administrationId,
          input.draftId,
          input.idempotencyKey,
          actorOf(ctx),
        ),
      ),
    }));
  }
}
