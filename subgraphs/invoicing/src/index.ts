import 'reflect-metadata';
import type { SubgraphDefinition } from '@kantoor/platform';
import { createInvoicingContext, type InvoicingContext } from './context.js';
import { Initial1764000000000 } from './migrations/1764000000000-initial.js';
import { CustomerEntity } from './modules/customer/customer.entity.js';
import { buildInvoicingSchema, invoicingRules } from './schema.js';

export { buildInvoicingSchema, invoicingRules };
export type { InvoicingContext };

/** Facturatie: customers, invoices, payments. */
export const invoicingSubgraph: SubgraphDefinition<InvoicingContext> = {
  name: 'invoicing',
  schema: 'invoicing',
  entities: [CustomerEntity],
  migrations: [Initial1764000000000],
  buildSchema: buildInvoicingSchema,
  rules: invoicingRules,
  createContext: createInvoicingContext,
};
