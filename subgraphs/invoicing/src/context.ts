import type { BaseContext, SubgraphRuntime } from '@kantoor/platform';
import type DataLoader from 'dataloader';
import type { CustomerEntity } from './modules/customer/customer.entity.js';
import { createCustomersLoader } from './modules/customer/customer.loaders.js';
import { CustomerService } from './modules/customer/customer.service.js';

export interface InvoicingContext extends BaseContext {
  loaders: { customers: DataLoader<string, CustomerEntity[]> };
}

export function createInvoicingContext(
  base: BaseContext,
  runtime: SubgraphRuntime,
): InvoicingContext {
  return {
    ...base,
    loaders: { customers: createCustomersLoader(new CustomerService(runtime.dataSource)) },
  };
}
