import {
  decodeCursor,
  isCalendarDate,
  isUuid,
  pageSize,
  scoped,
  toPage,
  type Page,
} from '@kantoor/platform';
import { pageByDateAndId } from '../common/date-keyset.js';
import { GraphQLError } from 'graphql';
import { In, type DataSource } from 'typeorm';
import { queryDate } from '../common/ledger.validation.js';
import {
  DraftEntryEntity,
  DraftEntryLineEntity,
  JournalEntryEntity,
  JournalEntryLineEntity,
} from './entry.entity.js';

/** Reading posted entries, their lines and reversals, and drafts back (pages and loaders). */
export class EntryReadService {
  constructor(private readonly db: DataSource) {}

  /** Entries of many administrations by id (for the per-request loader). */
  async byIds(administrationId: string, ids: readonly string[]): Promise<JournalEntryEntity[]> {
    const valid = ids.filter(isUuid);
    if (!isUuid(administrationId) || valid.length === 0) return [];
    return scoped(this.db.manager, JournalEntryEntity, administrationId).findBy({ id: In(valid) });
  }

  /** The reversals of entries (for the per-request loader). */
  async reversalsOf(
    administrationId: string,
    ids: readonly string[],
  ): Promise<JournalEntryEntity[]> {
    const valid = ids.filter(isUuid);
    if (!isUuid(administrationId) || valid.length === 0) return [];
    return scoped(this.db.manager, JournalEntryEntity, administrationId).findBy({
      reversesEntryId: In(valid),
    });
  }

  /** Lines of many entries of one administration, in line order. */
  async linesOf(
    administrationId: string,
    entryIds: readonly string[],
  ): Promise<JournalEntryLineEntity[]> {
    const valid = entryIds.filter(isUuid);
    if (!isUuid(administrationId) || valid.length === 0) return [];
    return scoped(this.db.manager, JournalEntryLineEntity, administrationId).find({
      where: { entryId: In(valid) },
      order: { entryId: 'ASC', lineNo: 'ASC' },
    });
  }

  /** Posted entries, newest first (date, then number), keyset-paginated on (date, sequence). */
  async entries(
    administrationId: string,
    args: {
      first?: number | null;
      after?: string | null;
      from?: string | null;
      to?: string | null;
      updatedSince?: Date | null;
    },
  ): Promise<Page<JournalEntryEntity>> {
    const size = pageSize(args.first);
    const from = queryDate(args.from, 'from');
    const to = queryDate(args.to, 'to');
    const base = scoped(this.db.manager, JournalEntryEntity, administrationId).createQueryBuilder(
      'e',
    );
    if (from) base.andWhere('e.entryDate >= CAST(:from AS date)', { from });
    if (to) base.andWhere('e.entryDate <= CAST(:to AS date)', { to });
    if (args.updatedSince) base.andWhere('e.postedAt >= :since', { since: args.updatedSince });
    const totalCount = await base.clone().getCount();
    const page = base
      .clone()
      .orderBy('e.entryDate', 'DESC')
      .addOrderBy('e.sequence', 'DESC')
      .limit(size + 1);
    if (args.after) {
      const [date, sequence] = decodeCursor(args.after, 2);
      if (!isCalendarDate(date) || typeof sequence !== 'number') {
        throw new GraphQLError('Invalid cursor.', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      page.andWhere('(e.entryDate, e.sequence) < (CAST(:afterDate AS date), :afterSequence)', {
        afterDate: date,
        afterSequence: sequence,
      });
    }
    const rows = size === 0 ? [] : await page.getMany();
    return toPage(rows, size, (e) => [e.entryDate, e.sequence], totalCount, Boolean(args.after));
  }

  async draftById(administrationId: string, id: string): Promise<DraftEntryEntity | null> {
    if (!isUuid(administrationId) || !isUuid(id)) return null;
    return scoped(this.db.manager, DraftEntryEntity, administrationId).findOneBy({ id });
  }

  /** Drafts, newest date first, keyset-paginated on (date, id). */
  async drafts(
    administrationId: string,
    args: { first?: number | null; after?: string | null },
  ): Promise<Page<DraftEntryEntity>> {
    const base = scoped(this.db.manager, DraftEntryEntity, administrationId).createQueryBuilder(
      'd',
    );
    return pageByDateAndId(base, {
      alias: 'd',
      dateProperty: 'entryDate',
      direction: 'DESC',
      first: args.first,
      after: args.after,
      key: (d) => [d.entryDate, d.id],
    });
  }

  async draftLinesOf(
    administrationId: string,
    draftIds: readonly string[],
  ): Promise<DraftEntryLineEntity[]> {
    const valid = draftIds.filter(isUuid);
    if (!isUuid(administrationId) || valid.length === 0) return [];
    return scoped(this.db.manager, DraftEntryLineEntity, administrationId).find({
      where: { draftId: In(valid) },
      order: { draftId: 'ASC', lineNo: 'ASC' },
    });
  }
}
