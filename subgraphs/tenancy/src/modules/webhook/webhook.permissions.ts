import { allow, isOfficeAdmin, type RuleMap } from '@kantoor/platform';
import { isAdminOfOffice } from '../user/user.permissions.js';

/**
 * Webhooks: the office's ADMIN (a login session, not an API token) only. A Webhook is
 * reached only through Office.webhooks or a webhook mutation, both guarded here; the
 * service checks the office again.
 */
export const webhookRules: RuleMap = {
  Office: { webhooks: isAdminOfOffice },
  Mutation: {
    createWebhook: isOfficeAdmin,
    updateWebhook: isOfficeAdmin,
    deleteWebhook: isOfficeAdmin,
  },
  Webhook: { '*': allow },
  WebhookDelivery: { '*': allow },
  WebhookDeliveryEdge: { '*': allow },
  WebhookDeliveryConnection: { '*': allow },
  CreateWebhookPayload: { '*': allow },
  UpdateWebhookPayload: { '*': allow },
  DeleteWebhookPayload: { '*': allow },
};
