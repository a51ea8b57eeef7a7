import {
  decodeCursor,
  failWith,
  isUuid,
  pageSize,
  toPage,
  type Fail,
  type Page,
  type SubgraphRuntime,
  type Viewer,
} from '@kantoor/platform';
import { GraphQLError } from 'graphql';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook.events.js';
import type { WebhookErrorCode } from './webhook.errors.js';
import { newWebhookSecret } from './webhook-signature.calc.js';
import type { Webhook, WebhookDelivery, WebhookDeliveryStatusEnum } from './webhook.type.js';
import { webhookUrlProblem } from './webhook-url.validation.js';
import {
  countDeliveries,
  countOfficeWebhooks,
  deleteWebhook,
  deliveryPage,
  insertWebhook,
  lockOfficeWebhooks,
  updateWebhook,
  webhooksOfOffice,
} from './webhook.sql.js';

/** Webhooks one office may have. */
export const MAX_WEBHOOKS_PER_OFFICE = 20;
const MAX_DESCRIPTION = 200;

interface WebhookRow {
  id: string;
  office_id: string;
  url: string;
  event_types: string[];
  description: string | null;
  created_at: Date;
  consecutive_failures: number;
  disabled_at: Date | null;
  disabled_reason: string | null;
}

const BY_WIRE = Object.fromEntries(
  Object.entries(WEBHOOK_EVENT_TYPES).map(([k, v]) => [v, k as WebhookEventType]),
) as Record<string, WebhookEventType>;

export type WebhookRecord = Webhook & { officeId: string };

function toWebhook(row: WebhookRow): WebhookRecord {
  return {
    id: row.id,
    officeId: row.office_id,
    url: row.url,
    eventTypes: row.event_types.map((t) => BY_WIRE[t]!).filter(Boolean),
    description: row.description,
    enabled: row.disabled_at === null,
    disabledAt: row.disabled_at,
    disabledReason: row.disabled_reason,
    consecutiveFailures: row.consecutive_failures,
    createdAt: row.created_at,
  };
}

const fail: Fail<WebhookErrorCode> = failWith;

/**
 * An office's webhooks (issue 16, docs/decisions/0017-webhooks.md): its ADMIN creates,
 * changes, disables and deletes them and reads their delivery log. Each method asserts the
 * office ADMIN itself (the shield rules are the first line, not the only one).
 */
export class WebhookService {
  constructor(private readonly runtime: SubgraphRuntime) {}

  private get allowLocal(): boolean {
    return this.runtime.config.KANTOOR_WEBHOOK_ALLOW_LOCAL === true;
  }

  private adminOffice(viewer: Viewer): string {
    if (
      viewer.kind !== 'user' ||
      viewer.userKind !== 'STAFF' ||
      viewer.officeRole !== 'ADMIN' ||
      !viewer.officeId ||
      viewer.scope !== null
    ) {
      return fail('FORBIDDEN', 'Office administrators only.');
    }
    return viewer.officeId;
  }

  private url(raw: string, field: string[]): string {
    const url = raw.trim();
    const problem = webhookUrlProblem(url, this.allowLocal);
    if (problem) fail('INVALID_URL', problem, field);
    return url;
  }

  private eventTypes(types: WebhookEventType[], field: string[]): string[] {
    const wire = (Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventType[])
      .filter((k) => types.includes(k))
      .map((k) => WEBHOOK_EVENT_TYPES[k]);
    if (wire.length === 0) fail('NO_EVENT_TYPES', 'Choose at least one event type.', field);
    return wire;
  }

  private description(raw: string | null | undefined, field: string[]): string | null {
    const text = raw?.trim() ? raw.trim() : null;
    if (text && text.length > MAX_DESCRIPTION) {
      fail('DESCRIPTION_TOO_LONG', `At most ${MAX_DESCRIPTION} characters.`, field);
    }
    return text;
  }

  /** The viewer's office's webhooks, oldest first. */
  async webhooksOf(viewer: Viewer, officeId: string): Promise<WebhookRecord[]> {
    if (this.adminOffice(viewer) !== officeId) fail('FORBIDDEN', 'Office administrators only.');
    const rows = (await webhooksOfOffice(this.runtime.dataSource, [officeId])) as WebhookRow[];
    return rows.map(toWebhook);
  }

  async create(
    viewer: Viewer,
    input: { url: string; eventTypes: WebhookEventType[]; description?: string | null },
  ): Promise<{ webhook: WebhookRecord; secret: string }> {
    const officeId = this.adminOffice(viewer);
    const url = this.url(input.url, ['input', 'url']);
    const types = this.eventTypes(input.eventTypes, ['input', 'eventTypes']);
    const description = this.description(input.description, ['input', 'description']);
    const secret = newWebhookSecret();
    return this.runtime.dataSource.transaction(async (m) => {
      await lockOfficeWebhooks(m, [officeId]);
      const [counted] = (await countOfficeWebhooks(m, [officeId])) as { n: number }[];
      if (counted!.n >= MAX_WEBHOOKS_PER_OFFICE) {
        fail('TOO_MANY_WEBHOOKS', `An office has at most ${MAX_WEBHOOKS_PER_OFFICE} webhooks.`);
      }
      const [row] = (await insertWebhook(m, [
        officeId,
        url,
        types,
        description,
        secret,
        viewer.kind === 'user' ? viewer.userId : null,
      ])) as WebhookRow[];
      return { webhook: toWebhook(row!), secret };
    });
  }

  async update(
    viewer: Viewer,
    input: {
      id: string;
      url?: string | null;
      eventTypes?: WebhookEventType[] | null;
      description?: string | null;
      enabled?: boolean | null;
    },
  ): Promise<WebhookRecord> {
    const officeId = this.adminOffice(viewer);
    const url = input.url != null ? this.url(input.url, ['input', 'url']) : null;
    const types =
      input.eventTypes != null ? this.eventTypes(input.eventTypes, ['input', 'eventTypes']) : null;
    const description =
      input.description !== undefined
        ? this.description(input.description, ['input', 'description'])
        : undefined;
    if (!isUuid(input.id)) return fail('WEBHOOK_NOT_FOUND', 'No such webhook.', ['input', 'id']);
    const result = (await updateWebhook(this.runtime.dataSource, [
      input.id,
      officeId,
      url,
      types,
      description !== undefined,
      description ?? null,
      input.enabled ?? null,
    ])) as [WebhookRow[], number];
    const row = result[0]?.[0];
    return row ? toWebhook(row) : fail('WEBHOOK_NOT_FOUND', 'No such webhook.', ['input', 'id']);
  }

  /** Deletes a webhook and its delivery log; pending deliveries are dropped. */
  async remove(viewer: Viewer, id: string): Promise<string> {
    const officeId = this.adminOffice(viewer);
    if (!isUuid(id)) return fail('WEBHOOK_NOT_FOUND', 'No such webhook.', ['input', 'id']);
    const result = (await deleteWebhook(this.runtime.dataSource, [id, officeId])) as [
      { id: string }[],
      number,
    ];
    return result[0]?.[0]?.id ?? fail('WEBHOOK_NOT_FOUND', 'No such webhook.', ['input', 'id']);
  }

  /** A webhook's delivery log, newest first (keyset on the delivery id). */
  async deliveries(
    viewer: Viewer,
    webhook: WebhookRecord,
    first: number | null | undefined,
    after: string | null | undefined,
    status: WebhookDeliveryStatusEnum | null | undefined,
  ): Promise<Page<WebhookDelivery>> {
    if (this.adminOffice(viewer) !== webhook.officeId) {
      fail('FORBIDDEN', 'Office administrators only.');
    }
    const size = pageSize(first);
    let before: string | null = null;
    if (after) {
      const [id] = decodeCursor(after, 1);
      if (!/^\d{1,18}$/.test(String(id))) {
        throw new GraphQLError('Invalid cursor.', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      before = String(id);
    }
    const params: unknown[] = [webhook.id, status ?? null];
    const [counted] = (await countDeliveries(this.runtime.dataSource, params)) as { n: number }[];
    const rows =
      size === 0
        ? []
        : ((await deliveryPage(this.runtime.dataSource, [...params, before, size + 1])) as (Omit<
            WebhookDelivery,
            'eventType'
          > & { eventType: string })[]);
    return toPage(
      rows.map((r) => ({ ...r, eventType: BY_WIRE[r.eventType]! })),
      size,
      (r) => [Number(r.id)],
      counted?.n ?? 0,
      Boolean(after),
    );
  }
}
