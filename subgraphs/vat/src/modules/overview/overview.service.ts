import {
  decodeCursor,
  isCalendarDate,
  isUuid,
  pageSize,
  toPage,
  type Page,
  type Viewer,
} from '@kantoor/platform';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { VatLoaders } from '../vat-return/vat-return.loaders.js';
import type { VatReturnView } from '../vat-return/vat-return.service.js';
import type { VatReturnStatus } from '../vat-return/vat-return.sql.js';
import { periodOf, today } from '../vat-return/vat-period.calc.js';
import {
  overviewPageAndCounts,
  overviewParameters,
  type OverviewFilterValues,
  type OverviewRow,
} from './overview.sql.js';

export interface OverviewResult {
  page: Page<VatReturnView>;
  countsByStatus: { status: VatReturnStatus; count: number }[];
}

/**
 * The office's "total overview of all VAT returns": every (administration, period) the viewer
 * may VAT_READ, ordered by due date then administration name, keyset-paginated; the counts
 * per status over the whole filter. Two statements plus two batched loads for the page.
 */
export class VatOverviewService {
  constructor(
    private readonly db: DataSource,
    private readonly loaders: VatLoaders,
  ) {}

  async overview(
    viewer: Viewer,
    args: {
      first?: number | null;
      after?: string | null;
      filter?: Partial<OverviewFilterValues> | null;
    },
  ): Promise<OverviewResult> {
    const size = pageSize(args.first);
    const f = args.filter ?? {};
    if (f.dueBefore && !isCalendarDate(f.dueBefore)) {
      throw new GraphQLError('dueBefore is not a date.', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    let after: [string, string, string] | null = null;
    if (args.after) {
      const [due, name, id] = decodeCursor(args.after, 3);
      if (!isCalendarDate(due) || typeof name !== 'string' || !isUuid(id)) {
        throw new GraphQLError('Invalid cursor.', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      after = [due, name, id];
    }
    // API tokens without VAT_READ, and anyone who is no user, see no rows.
    if (viewer.kind !== 'user' || (viewer.scope && !viewer.scope.has('VAT_READ'))) {
      return { page: toPage([], size, () => [], 0, Boolean(after)), countsByStatus: [] };
    }
    const params = overviewParameters(viewer.userId, today(), {
      statuses: f.statuses?.length ? f.statuses : f.statuses ? [] : null,
      dueBefore: f.dueBefore ?? null,
      overdue: f.overdue ?? null,
      search: f.search ?? null,
    });
    const { page: rows, counts } = await overviewPageAndCounts(
      this.db,
      params,
      after,
      size === 0 ? 0 : size + 1,
    );
    const views = await Promise.all(rows.map((r) => this.view(r)));
    const totalCount = counts.reduce((sum, c) => sum + c.count, 0);
    const byView = new Map(views.map((v, i) => [v, rows[i]!]));
    const page = toPage(
      views,
      size,
      (v) => {
        const r = byView.get(v)!;
        return [r.due_date, r.sort_name, r.administration_id];
      },
      totalCount,
      Boolean(after),
    );
    return { page, countsByStatus: counts };
  }

  private async view(r: OverviewRow): Promise<VatReturnView> {
    const [administration, returns] = await Promise.all([
      this.loaders.administrations.load(r.administration_id),
      this.loaders.returns.load(r.administration_id),
    ]);
    return {
      administration: administration!,
      period: periodOf(administration!.vatFilingPeriod, r.period_start),
      row: returns.find((x) => x.periodStart === r.period_start) ?? null,
    };
  }
}
