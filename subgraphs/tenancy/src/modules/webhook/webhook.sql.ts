import { statement } from '@kantoor/platform';

/** Offices' webhooks and their delivery log. */

const COLUMNS =
  'id, office_id, url, event_types, description, created_at, consecutive_failures, disabled_at, disabled_reason';

/** An office's webhooks, oldest first. */
export const webhooksOfOffice = statement(
  `SELECT ${COLUMNS} FROM tenancy.webhooks WHERE office_id = $1 ORDER BY created_at, id`,
);

export const insertWebhook = statement(
  `INSERT INTO tenancy.webhooks (office_id, url, event_types, description, secret, created_by)
   VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
);

/**
 * Changes an office's webhook: $3 url, $4 event types (null keeps them), $5 whether $6 is the
 * new description, $7 enabled (null keeps it; enabling resets the failure count).
 */
export const updateWebhook = statement(
  `UPDATE tenancy.webhooks SET
          url = coalesce($3, url),
          event_types = coalesce($4, event_types),
          description = CASE WHEN $5 THEN $6 ELSE description END,
          disabled_at = CASE WHEN $7::boolean IS NULL THEN disabled_at
                             WHEN $7 THEN NULL ELSE coalesce(disabled_at, now()) END,
          disabled_reason = CASE WHEN $7::boolean IS NULL THEN disabled_reason
                                 WHEN $7 THEN NULL
                                 ELSE coalesce(disabled_reason, 'disabled by an administrator') END,
          consecutive_failures = CASE WHEN $7 THEN 0 ELSE consecutive_failures END
        WHERE id = $1 AND office_id = $2 RETURNING ${COLUMNS}`,
);

/** How many deliveries a webhook has ($2: of that status, or all). */
export const countDeliveries = statement(
  `SELECT count(*)::int AS n FROM tenancy.webhook_deliveries
    WHERE webhook_id = $1 AND ($2::text IS NULL OR status = $2)`,
);

/** A page of a webhook's deliveries, newest first: $3 before that id, at most $4. */
export const deliveryPage = statement(
  `SELECT id::text AS id, event_id AS "eventId", event_type AS "eventType", status,
                    attempts, last_status_code AS "lastStatusCode", last_error AS "lastError",
                    created_at AS "createdAt", last_attempt_at AS "lastAttemptAt",
                    delivered_at AS "deliveredAt"
               FROM tenancy.webhook_deliveries
              WHERE webhook_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::bigint IS NULL OR id < $3::bigint)
              ORDER BY id DESC LIMIT $4`,
);

/** Serialises the changes of an office's webhooks (transaction-scoped). */
export const lockOfficeWebhooks = statement(
  `SELECT pg_advisory_xact_lock(hashtext('webhooks:' || $1))`,
);

export const countOfficeWebhooks = statement(
  `SELECT count(*)::int AS n FROM tenancy.webhooks WHERE office_id = $1`,
);

/** Deletes an office's webhook; RETURNING id when there was one. */
export const deleteWebhook = statement(
  `DELETE FROM tenancy.webhooks WHERE id = $1 AND office_id = $2 RETURNING id`,
);

/** A delivery with its webhook's URL, secret and state. */
export const deliveryToSend = statement(
  `SELECT d.id::text, d.webhook_id, d.event_id, d.event_type, d.body, d.status, d.attempts,
        w.url, w.secret, w.disabled_at
   FROM tenancy.webhook_deliveries d JOIN tenancy.webhooks w ON w.id = d.webhook_id
  WHERE d.id = $1::bigint`,
);

/** A delivery of a disabled webhook is skipped. */
export const skipDelivery = statement(
  `UPDATE tenancy.webhook_deliveries SET status = 'SKIPPED', last_error = 'webhook disabled'
  WHERE id = $1::bigint`,
);

export const markDeliverySucceeded = statement(
  `UPDATE tenancy.webhook_deliveries
    SET status = 'SUCCEEDED', attempts = $2, last_status_code = $3, last_error = NULL,
        last_attempt_at = now(), delivered_at = now()
  WHERE id = $1::bigint`,
);

export const resetWebhookFailures = statement(
  `UPDATE tenancy.webhooks SET consecutive_failures = 0
  WHERE id = $1 AND consecutive_failures <> 0`,
);

export const markDeliveryFailed = statement(
  `UPDATE tenancy.webhook_deliveries
    SET status = $2, attempts = $3, last_status_code = $4, last_error = $5,
        last_attempt_at = now()
  WHERE id = $1::bigint`,
);

/** One more failure in a row; the webhook is disabled after too many. */
export const countWebhookFailure = statement(
  `UPDATE tenancy.webhooks
    SET consecutive_failures = consecutive_failures + 1,
        disabled_at = CASE WHEN disabled_at IS NULL AND consecutive_failures + 1 >= $2
                           THEN now() ELSE disabled_at END,
        disabled_reason = CASE WHEN disabled_at IS NULL AND consecutive_failures + 1 >= $2
                               THEN $3 ELSE disabled_reason END
  WHERE id = $1`,
);

export const officeOfAdministration = statement(
  `SELECT office_id FROM tenancy.administrations WHERE id = $1::uuid`,
);

/** One delivery per enabled webhook of the office subscribed to the event (once per event). */
export const insertDeliveries = statement(
  `INSERT INTO tenancy.webhook_deliveries (webhook_id, office_id, event_id, event_type, body)
  SELECT w.id, w.office_id, $2, $3, $4
    FROM tenancy.webhooks w
   WHERE w.office_id = $1 AND w.disabled_at IS NULL AND $3 = ANY (w.event_types)
  ON CONFLICT (webhook_id, event_id) DO NOTHING
  RETURNING id::text, webhook_id`,
);
