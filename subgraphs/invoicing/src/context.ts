import { oncePerRuntime, type BaseContext, type SubgraphRuntime } from '@kantoor/platform';
import { todayInNl } from './modules/common/invoicing.validation.js';
import { createCustomerLoader } from './modules/customer/customer.loaders.js';
import { CustomerService } from './modules/customer/customer.service.js';
import { InvoiceFinalizeService } from './modules/invoice/invoice-finalize.service.js';
import {
  createInvoiceLinesLoader,
  createInvoiceLoader,
  createInvoiceSettingsLoader,
  createInvoicingStatusLoader,
} from './modules/invoice/invoice.loaders.js';
import { InvoiceService } from './modules/invoice/invoice.service.js';

export interface InvoicingServices {
  customers: CustomerService;
  invoices: InvoiceService;
  finalize: InvoiceFinalizeService;
}

export function createInvoicingServices(
  runtime: Pick<SubgraphRuntime, 'dataSource' | 'events'>,
): InvoicingServices {
  return {
    customers: new CustomerService(runtime.dataSource),
    invoices: new InvoiceService(runtime.dataSource),
    finalize: new InvoiceFinalizeService(runtime.dataSource, runtime.events),
  };
}

function createLoaders(s: InvoicingServices) {
  return {
    customer: createCustomerLoader(s.customers),
    invoice: createInvoiceLoader(s.invoices),
    invoiceLines: createInvoiceLinesLoader(s.invoices),
    invoicingStatus: createInvoicingStatusLoader(s.invoices),
    invoiceSettings: createInvoiceSettingsLoader(s.invoices),
  };
}

export interface InvoicingContext extends BaseContext {
  services: InvoicingServices;
  loaders: ReturnType<typeof createLoaders>;
  /** Today in the Netherlands, fixed for the request (overdue). */
  today: string;
}

/** Invoicing's services, built once per running subgraph (no per-request state). */
const servicesOf = oncePerRuntime(createInvoicingServices);

export function createInvoicingContext(
  base: BaseContext,
  runtime: SubgraphRuntime,
): InvoicingContext {
  const services = servicesOf(runtime);
  return { ...base, services, loaders: createLoaders(services), today: todayInNl() };
}
