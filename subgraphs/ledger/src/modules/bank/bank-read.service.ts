import { isUuid, pageSize, scoped, type Page } from '@kantoor/platform';
import { GraphQLError } from 'graphql';
import { pageByDateAndId } from '../common/date-keyset.js';
import type { DataSource } from 'typeorm';
import { BankTransactionEntity, type BankRuleEntity } from './bank.entity.js';
import {
  listHandBookedBankLines,
  listRules,
  listUnprocessedCounts,
  type HandBookedBankLine,
  type UnprocessedCount,
} from './bank.sql.js';
import type { OpenItemStatus } from './bank.type.js';
import { listBankStatements, type BankStatementRow } from './bank-statements.sql.js';
import {
  countOpenItems,
  listOpenItems,
  parseOpenItemId,
  type OpenItemRow,
} from './open-items.sql.js';

export type { HandBookedBankLine, UnprocessedCount } from './bank.sql.js';

export type TransactionStatus = 'UNPROCESSED' | 'PROCESSED' | 'ALL';

/**
 * Reading bank accounts' transactions, open items, rules and statements back: pages for the
 * resolvers, and batches of many administrations for the per-request loaders.
 */
export class BankReadService {
  constructor(private readonly db: DataSource) {}

  /** An administration's open items, oldest first; `after` an open item id. */
  async openItems(
    administrationId: string,
    args: { status?: OpenItemStatus | null; first?: number | null; after?: string | null },
  ): Promise<{ rows: OpenItemRow[]; totalCount: number; limit: number }> {
    const limit = pageSize(args.first);
    let after: { entryId: string; lineNo: number } | null = null;
    if (args.after) {
      after = parseOpenItemId(args.after);
      if (!after) {
        throw new GraphQLError('after: not an open item id.', {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
    }
    const open = (args.status ?? 'OPEN') === 'OPEN';
    const [rows, totalCount] = await Promise.all([
      limit === 0
        ? Promise.resolve([])
        : listOpenItems(this.db.manager, [administrationId], { open, after, limit: limit + 1 }),
      countOpenItems(this.db.manager, administrationId, open),
    ]);
    return { rows, totalCount, limit };
  }

  /** The open items (open amount > 0) of administrations, for suggestions. */
  async openItemsOf(administrationIds: readonly string[]): Promise<OpenItemRow[]> {
    return listOpenItems(this.db.manager, administrationIds, { open: true });
  }

  /** Rules of many administrations in one query, in the order they are tried. */
  async rulesOf(administrationIds: readonly string[]): Promise<BankRuleEntity[]> {
    const ids = administrationIds.filter(isUuid);
    if (ids.length === 0) return [];
    return listRules(this.db.manager, ids);
  }

  /** Unprocessed transactions per bank account of many administrations, in one query. */
  async unprocessedCountsOf(administrationIds: readonly string[]): Promise<UnprocessedCount[]> {
    const ids = administrationIds.filter(isUuid);
    if (ids.length === 0) return [];
    return listUnprocessedCounts(this.db.manager, ids);
  }

  /**
   * Entries booked by hand on a bank account (a line on the ledger account of a BANK journal
   * with an IBAN) that no bank transaction is linked to, not reversed and no reversal: what an
   * imported transaction of the same amount may already be (issue 13, item 10). One query for
   * many administrations.
   */
  async handBookedBankLinesOf(administrationIds: readonly string[]): Promise<HandBookedBankLine[]> {
    const ids = administrationIds.filter(isUuid);
    if (ids.length === 0) return [];
    return listHandBookedBankLines(this.db.manager, ids);
  }

  /** Bank statements (with their checks) of many administrations in one query. */
  async statementsOf(administrationIds: readonly string[]): Promise<BankStatementRow[]> {
    const ids = administrationIds.filter(isUuid);
    if (ids.length === 0) return [];
    return listBankStatements(this.db.manager, ids);
  }

  /** A bank account's transactions, oldest first (booking date, id), keyset-paginated. */
  async transactions(
    administrationId: string,
    journalId: string,
    args: { status?: TransactionStatus | null; first?: number | null; after?: string | null },
  ): Promise<Page<BankTransactionEntity>> {
    const base = scoped(this.db.manager, BankTransactionEntity, administrationId)
      .createQueryBuilder('t')
      .andWhere('t.journalId = :journalId', { journalId });
    const status = args.status ?? 'UNPROCESSED';
    if (status === 'UNPROCESSED') base.andWhere('t.entryId IS NULL');
    if (status === 'PROCESSED') base.andWhere('t.entryId IS NOT NULL');
    return pageByDateAndId(base, {
      alias: 't',
      dateProperty: 'bookingDate',
      direction: 'ASC',
      first: args.first,
      after: args.after,
      key: (t) => [t.bookingDate, t.id],
    });
  }
}
