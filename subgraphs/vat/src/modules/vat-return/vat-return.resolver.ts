import {
  DecimalScalar,
  MoneyDecimal,
  unauthenticated,
  withUserErrors,
  type Decimal,
  type UserViewer,
  AfterArg,
} from '@kantoor/platform';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { VatContext } from '../../context.js';
import { buildVatXbrl } from '../filing/xbrl.builder.js';
import { VatOverviewConnection, VatOverviewFilter } from '../overview/overview.type.js';
import { boxesOf, netVatOf, euroDown, type VatBoxValue } from './vat-boxes.calc.js';
import { VAT_ERRORS } from './vat-return.errors.js';
import {
  CARRY_LIMIT,
  isOverdue,
  statusOf,
  totalOf,
  type VatReturnView,
} from './vat-return.service.js';
import { FILED } from './vat-return.sql.js';
import { today } from './vat-period.calc.js';
import {
  IcpLine,
  VatBox,
  VatCorrectionLine,
  VatDifference,
  VatReturn,
  VatReturnEvent,
  VatReturnInput,
  VatReturnNoteInput,
  VatReturnPayload,
  VatStatus,
  VatSuppletie,
  VatSuppletiePayload,
  VatUser,
} from './vat-return.type.js';
import { VatAdministration } from '../administration/administration.type.js';
import type { SuppletieRow } from './vat-return.sql.js';

const toReturn = (view: VatReturnView) => VatReturn.from(view, isOverdue(view));
const toBox = (b: VatBoxValue) => Object.assign(new VatBox(), b);

function userOf(ctx: VatContext): UserViewer {
  if (ctx.viewer.kind !== 'user') throw unauthenticated();
  return ctx.viewer;
}

@Resolver(() => VatAdministration)
export class VatAdministrationResolver {
  @FieldResolver(() => [VatReturn], {
    nullable: true,
    description:
      "VAT_READ. Every period from the first booking (or the administration's start) to the current one, newest first.",
  })
  async vatReturns(
    @Root() administration: VatAdministration,
    @Arg('year', () => Int, {
      nullable: true,
      description: 'Only the periods that start in this calendar year (boekjaar), e.g. 2026.',
    })
    year: number | null,
    @Ctx() ctx: VatContext,
  ): Promise<VatReturn[]> {
    return (await ctx.vat.reader.returnsOf(administration.id, year)).map(toReturn);
  }

  @FieldResolver(() => VatReturn, {
    nullable: true,
    description: 'VAT_READ. Null for a malformed period or one that does not fit vatFilingPeriod.',
  })
  async vatReturn(
    @Root() administration: VatAdministration,
    @Arg('period', () => String, {
      description: "2026-Q1, 2026-03 or 2026, by the administration's vatFilingPeriod.",
    })
    period: string,
    @Ctx() ctx: VatContext,
  ): Promise<VatReturn | null> {
    const view = await ctx.vat.reader.returnOf(administration.id, period);
    return view ? toReturn(view) : null;
  }

  @FieldResolver(() => VatStatus, { nullable: true, description: 'VAT_READ' })
  async vatStatus(
    @Root() administration: VatAdministration,
    @Ctx() ctx: VatContext,
  ): Promise<VatStatus> {
    const all = await ctx.vat.reader.returnsOf(administration.id);
    const now = today();
    const toFile = all.filter((v) => v.period.end < now && !FILED.includes(statusOf(v)));
    const next = toFile[toFile.length - 1] ?? all[0] ?? null;
    return Object.assign(new VatStatus(), {
      id: administration.id,
      nextReturn: next ? toReturn(next) : null,
      openReturns: toFile.length,
      overdueReturns: all.filter((v) => isOverdue(v, now)).length,
    });
  }
}

@Resolver(() => VatReturn)
export class VatReturnResolver {
  @FieldResolver(() => [VatBox], {
    description: 'Live from the ledger while OPEN; frozen from PREPARED on.',
  })
  async boxes(@Root() r: VatReturn, @Ctx() ctx: VatContext): Promise<VatBox[]> {
    return boxesOf(totalOf(await ctx.vat.reader.shownSums(r.view))).map(toBox);
  }

  @FieldResolver(() => [VatCorrectionLine], {
    description: 'Corrections of earlier filed returns carried into this one (included in boxes).',
  })
  async corrections(@Root() r: VatReturn, @Ctx() ctx: VatContext): Promise<VatCorrectionLine[]> {
    const sums = await ctx.vat.reader.shownSums(r.view);
    return (sums.corrections ?? []).map((c) =>
      Object.assign(new VatCorrectionLine(), { period: c.period, netVat: netVatOf(c.sums) }),
    );
  }

  @FieldResolver(() => VatDifference, {
    nullable: true,
    description:
      "SUBMITTED or ACCEPTED: what the ledger's figures of the period differ by now; null when nothing.",
  })
  async difference(@Root() r: VatReturn, @Ctx() ctx: VatContext): Promise<VatDifference | null> {
    const diff = await ctx.vat.reader.differenceOf(r.view);
    if (!diff) return null;
    const netVat = netVatOf(diff);
    const carry = netVat.abs().lessThanOrEqualTo(CARRY_LIMIT);
    let carriedInto: string | null = null;
    if (carry) {
      const all = [
        ...(await ctx.vat.reader.returnsOf(r.view.administration.administrationId)),
      ].reverse();
      carriedInto =
        all.find((v) => v.period.start > r.view.period.start && !FILED.includes(statusOf(v)))
          ?.period.label ?? null;
    }
    const boxes = boxesOf(diff).map((b) => ({
      ...b,
      turnover: b.turnover,
      vat: b.box === '5b' && b.vat ? euroDown(new MoneyDecimal(diff.input)) : b.vat,
    }));
    return Object.assign(new VatDifference(), {
      netVat,
      boxes: boxes.map(toBox),
      handling: carry ? 'NEXT_RETURN' : 'SUPPLETIE',
      carriedInto,
    });
  }

  @FieldResolver(() => DecimalScalar, {
    description: 'Box 5g: to pay when positive, to reclaim when negative.',
  })
  async totalDue(@Root() r: VatReturn, @Ctx() ctx: VatContext): Promise<Decimal> {
    const boxes = boxesOf(totalOf(await ctx.vat.reader.shownSums(r.view)));
    return boxes.find((b) => b.box === '5g')!.vat!;
  }

  @FieldResolver(() => Boolean, {
    description: "PREPARED or later, and the ledger's bookings of the period have changed since.",
  })
  async outdated(@Root() r: VatReturn, @Ctx() ctx: VatContext): Promise<boolean> {
    return ctx.vat.reader.isOutdated(r.view);
  }

  @FieldResolver(() => [VatReturnEvent], {
    description: 'Every workflow step of the return (not of its suppleties), oldest first.',
  })
  async history(@Root() r: VatReturn, @Ctx() ctx: VatContext): Promise<VatReturnEvent[]> {
    const rows = await ctx.vat.loaders.history.load({
      administrationId: r.view.administration.administrationId,
      period: r.period,
    });
    return rows.map((e) =>
      Object.assign(new VatReturnEvent(), {
        status: e.status,
        at: e.at,
        by: e.byUserId ? Object.assign(new VatUser(), { id: e.byUserId }) : null,
        note: e.note,
      }),
    );
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The XBRL instance (bd-rpt-ob-aangifte) built for filing; null before PREPARED.',
  })
  async xbrl(@Root() r: VatReturn): Promise<string | null> {
    const row = r.view.row;
    if (!row) return null;
    return (
      row.xbrl ??
      buildVatXbrl({
        vatNumber: r.view.administration.vatNumber,
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        boxes: boxesOf(totalOf(row.sums)),
        createdAt: row.preparedAt,
      })
    );
  }

  @FieldResolver(() => [VatSuppletie], {
    description: 'Correction returns (suppleties) of this filed period, oldest first.',
  })
  async suppleties(@Root() r: VatReturn, @Ctx() ctx: VatContext): Promise<VatSuppletie[]> {
    const id = r.view.administration.administrationId;
    const [rows, history] = await Promise.all([
      ctx.vat.loaders.suppleties.load(id),
      ctx.vat.loaders.suppletieHistory.load({ administrationId: id, period: r.period }),
    ]);
    return rows
      .filter((s) => s.period === r.period)
      .map((s) =>
        toSuppletie(
          s,
          history.filter((h) => h.suppletie === s.number),
        ),
      );
  }

  @FieldResolver(() => [IcpLine], {
    description:
      "Opgaaf ICP: the intra-EU supplies (VEU) of the period per customer VAT number, from invoicing's finalized invoices and credit notes.",
  })
  async icp(@Root() r: VatReturn, @Ctx() ctx: VatContext): Promise<IcpLine[]> {
    const rows = await ctx.vat.loaders.icp.load({
      administrationId: r.view.administration.administrationId,
      start: r.periodStart,
      end: r.periodEnd,
    });
    return rows.map((x) =>
      Object.assign(new IcpLine(), {
        countryCode: x.countryCode,
        vatNumber: x.vatNumber,
        customerName: x.customerName,
        amount: euroDown(new MoneyDecimal(x.amount)),
      }),
    );
  }
}

@Resolver()
export class VatQueryResolver {
  @Query(() => VatOverviewConnection, {
    description:
      "The seed's 'total overview of all VAT returns': one row per (administration, period) the viewer has VAT_READ on, periods that have ended plus the current one, ordered by dueDate then administration name.",
  })
  async vatOverview(
    @Arg('first', () => Int, {
      nullable: true,
      description: 'Page size (default 50, at most 500; 0 gives only the counts).',
    })
    first: number | null,
    @AfterArg()
    after: string | null,
    @Arg('filter', () => VatOverviewFilter, {
      nullable: true,
      description: 'Which rows; every row when absent.',
    })
    filter: VatOverviewFilter | null,
    @Ctx() ctx: VatContext,
  ): Promise<VatOverviewConnection> {
    const { page, countsByStatus } = await ctx.vat.overview.overview(ctx.viewer, {
      first,
      after,
      filter,
    });
    return Object.assign(new VatOverviewConnection(), {
      edges: page.edges.map((e) => ({
        cursor: e.cursor,
        node: {
          id: `${e.node.administration.administrationId}:${e.node.period.label}`,
          administration: Object.assign(new VatAdministration(), {
            id: e.node.administration.administrationId,
          }),
          return: toReturn(e.node),
        },
      })),
      pageInfo: page.pageInfo,
      totalCount: page.totalCount,
      countsByStatus,
    });
  }

  @Mutation(() => VatReturnPayload, {
    description:
      'VAT_SUBMIT. OPEN (or outdated PREPARED) -> PREPARED: freezes the boxes. Codes: INVALID_PERIOD, PERIOD_NOT_ENDED, ALREADY_SUBMITTED.',
  })
  prepareVatReturn(
    @Arg('input', () => VatReturnInput, { description: 'Which return.' }) input: VatReturnInput,
    @Ctx() ctx: VatContext,
  ): Promise<VatReturnPayload> {
    return withUserErrors(VAT_ERRORS, async () => ({
      vatReturn: toReturn(await ctx.vat.workflow.prepare(userOf(ctx), input)),
    }));
  }

  @Mutation(() => VatReturnPayload, {
    description: 'VAT_SUBMIT. PREPARED -> AWAITING_APPROVAL. Codes: NOT_PREPARED.',
  })
  requestVatApproval(
    @Arg('input', () => VatReturnNoteInput, { description: 'Which return, and a note.' })
    input: VatReturnNoteInput,
    @Ctx() ctx: VatContext,
  ): Promise<VatReturnPayload> {
    return withUserErrors(VAT_ERRORS, async () => ({
      vatReturn: toReturn(await ctx.vat.workflow.requestApproval(userOf(ctx), input)),
    }));
  }

  @Mutation(() => VatReturnPayload, {
    description:
      'VAT_READ, by a CLIENT user of the administration or an office ADMIN. AWAITING_APPROVAL -> APPROVED. Codes: NOT_AWAITING_APPROVAL.',
  })
  approveVatReturn(
    @Arg('input', () => VatReturnNoteInput, { description: 'Which return, and a note.' })
    input: VatReturnNoteInput,
    @Ctx() ctx: VatContext,
  ): Promise<VatReturnPayload> {
    return withUserErrors(VAT_ERRORS, async () => ({
      vatReturn: toReturn(await ctx.vat.workflow.approve(userOf(ctx), input)),
    }));
  }

  @Mutation(() => VatReturnPayload, {
    description:
      'VAT_SUBMIT. PREPARED or APPROVED, not outdated -> SUBMITTED (then ACCEPTED or REJECTED by the filing adapter); locks the period in the ledger. Codes: NOT_PREPARED, AWAITING_APPROVAL, OUTDATED, MISSING_VAT_NUMBER.',
  })
  submitVatReturn(
    @Arg('input', () => VatReturnNoteInput, { description: 'Which return, and a note.' })
    input: VatReturnNoteInput,
    @Ctx() ctx: VatContext,
  ): Promise<VatReturnPayload> {
    return withUserErrors(VAT_ERRORS, async () => ({
      vatReturn: toReturn(await ctx.vat.workflow.submit(userOf(ctx), input)),
    }));
  }
}

function toSuppletie(
  s: SuppletieRow,
  history: { status: string; at: Date; byUserId: string | null; note: string | null }[],
): VatSuppletie {
  return Object.assign(new VatSuppletie(), {
    id: `${s.administrationId}:${s.period}:${s.number}`,
    number: s.number,
    status: s.status,
    netVat: netVatOf(s.sums),
    boxes: boxesOf(s.sums).map(toBox),
    preparedAt: s.preparedAt,
    submittedAt: s.submittedAt,
    xbrl: s.xbrl,
    history: history.map((e) =>
      Object.assign(new VatReturnEvent(), {
        status: e.status,
        at: e.at,
        by: e.byUserId ? Object.assign(new VatUser(), { id: e.byUserId }) : null,
        note: e.note,
      }),
    ),
  });
}

@Resolver()
export class VatSuppletieResolver {
  @Mutation(() => VatSuppletiePayload, {
    description:
      'VAT_SUBMIT. A filed return whose difference is above EUR 1,000 net VAT: prepares (freezes) a correction return (suppletie) with the difference per box; again while PREPARED refreshes it. Codes: INVALID_PERIOD, NOT_SUBMITTED, NO_SUPPLETIE_NEEDED.',
  })
  async prepareVatSuppletie(
    @Arg('input', () => VatReturnInput, { description: 'Which return.' }) input: VatReturnInput,
    @Ctx() ctx: VatContext,
  ): Promise<VatSuppletiePayload> {
    return withUserErrors(VAT_ERRORS, async () => ({
      suppletie: await this.shown(ctx, await ctx.vat.suppleties.prepare(userOf(ctx), input)),
    }));
  }

  @Mutation(() => VatSuppletiePayload, {
    description:
      'VAT_SUBMIT. PREPARED suppletie -> SUBMITTED (then ACCEPTED or REJECTED by the filing adapter). Codes: INVALID_PERIOD, NOT_SUBMITTED, NOT_PREPARED, OUTDATED, MISSING_VAT_NUMBER.',
  })
  async submitVatSuppletie(
    @Arg('input', () => VatReturnNoteInput, { description: 'Which return, and a note.' })
    input: VatReturnNoteInput,
    @Ctx() ctx: VatContext,
  ): Promise<VatSuppletiePayload> {
    return withUserErrors(VAT_ERRORS, async () => ({
      suppletie: await this.shown(ctx, await ctx.vat.suppleties.submit(userOf(ctx), input)),
    }));
  }

  private async shown(ctx: VatContext, s: SuppletieRow): Promise<VatSuppletie> {
    const history = await ctx.vat.loaders.suppletieHistory.load({
      administrationId: s.administrationId,
      period: s.period,
    });
    return toSuppletie(
      s,
      history.filter((h) => h.suppletie === s.number),
    );
  }
}
