import 'reflect-metadata';
import type { SubgraphDefinition } from '@kantoor/platform';
import { createInvoicingContext, type InvoicingContext } from './context.js';
import { Initial1764000000000 } from './migrations/1764000000000-initial.js';
import { Invoices1765200000000 } from './migrations/1765200000000-invoices.js';
import { OpenActions1765400000000 } from './migrations/1765400000000-open-actions.js';
import { invoicingOpenActions } from './modules/invoice/open-actions.sql.js';
import { CustomerEntity } from './modules/customer/customer.entity.js';
import {
  InvoiceEntity,
  InvoiceLineEntity,
  InvoiceSettingsEntity,
  PaymentEntity,
} from './modules/invoice/invoice.entity.js';
import { invoicingSubscriptions } from './modules/invoice/invoice.events.js';
import { buildInvoicingSchema, invoicingRules } from './schema.js';

export { buildInvoicingSchema, invoicingRules };
export type { InvoicingContext };
export { buildUbl } from './modules/ubl/ubl.builder.js';
export { calculate } from './modules/invoice/invoice.calc.js';

/** Facturatie: customers, invoices, credit notes, payments, SI-UBL. */
export const invoicingSubgraph: SubgraphDefinition<InvoicingContext> = {
  name: 'invoicing',
  schema: 'invoicing',
  entities: [
    CustomerEntity,
    InvoiceEntity,
    InvoiceLineEntity,
    PaymentEntity,
    InvoiceSettingsEntity,
  ],
  migrations: [Initial1764000000000, Invoices1765200000000, OpenActions1765400000000],
  buildSchema: buildInvoicingSchema,
  rules: invoicingRules,
  openActions: invoicingOpenActions,
  subscriptions: (runtime) => invoicingSubscriptions(runtime),
  createContext: createInvoicingContext,
};
export { createInvoicingServices } from './context.js';
