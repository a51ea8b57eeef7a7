import { GraphQLError } from 'graphql';
import {
  decodeCursor,
  DomainError,
  encodeCursor,
  forbidden,
  isUuid,
  PageInfo,
  pageSize,
  type FailedEvent,
  type Page,
  type SubgraphRuntime,
  type Viewer,
} from '@kantoor/platform';
import type { FailedEventErrorCode } from './failed-events.errors.js';

/** Operators only; API tokens never carry ops powers (the same test as the isOps rule). */
function isOpsViewer(viewer: Viewer): boolean {
  return viewer.kind === 'user' && viewer.userKind === 'OPS' && viewer.scope === null;
}

/**
 * Failed deliveries of domain events between modules, for ops: listed from the event bus's
 * record of failures, retried through pg-boss. Re-checks the viewer itself, whatever the
 * shield rule in front of it did.
 */
export class FailedEventsService {
  constructor(private readonly runtime: SubgraphRuntime) {}

  async list(
    viewer: Viewer,
    first: number | null | undefined,
    after: string | null | undefined,
    queue: string | null | undefined,
  ): Promise<Page<FailedEvent>> {
    if (!isOpsViewer(viewer)) throw forbidden('Operators only.');
    const size = pageSize(first);
    const key = after ? decodeCursor(after, 2) : null;
    if (key && (Number.isNaN(Date.parse(String(key[0]))) || !isUuid(key[1]))) {
      throw new GraphQLError('Invalid cursor.', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    const page = await this.runtime.events.failedEvents({
      first: size,
      after: key ? [String(key[0]), String(key[1])] : null,
      queue: queue?.trim() || null,
    });
    const edges = page.rows.map((node) => ({
      cursor: encodeCursor([node.firstFailedAt.toISOString(), node.jobId]),
      node,
    }));
    const pageInfo = Object.assign(new PageInfo(), {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: key !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    });
    return { edges, pageInfo, totalCount: page.totalCount };
  }

  async retry(viewer: Viewer, jobId: string): Promise<FailedEvent> {
    if (!isOpsViewer(viewer)) {
      throw new DomainError<FailedEventErrorCode>('FORBIDDEN', 'Operators only.');
    }
    if (!isUuid(jobId)) {
      throw new DomainError<FailedEventErrorCode>(
        'FAILED_EVENT_NOT_FOUND',
        'No failed delivery has this job id.',
        ['input', 'jobId'],
      );
    }
    const result = await this.runtime.events.retryFailedEvent(jobId);
    if (result === 'NOT_FOUND') {
      throw new DomainError<FailedEventErrorCode>(
        'FAILED_EVENT_NOT_FOUND',
        'No failed delivery has this job id.',
        ['input', 'jobId'],
      );
    }
    if (result === 'NOT_DEAD_LETTERED') {
      throw new DomainError<FailedEventErrorCode>(
        'FAILED_EVENT_NOT_DEAD_LETTERED',
        'This delivery is not dead-lettered: it is still being retried, or it succeeded.',
        ['input', 'jobId'],
      );
    }
    this.runtime.logger.info(
      { jobId, queue: result.queue, eventId: result.event.id },
      'failed event sent again by ops',
    );
    return result;
  }
}
