import type { BaseContext, SubgraphRuntime } from '@kantoor/platform';
import type DataLoader from 'dataloader';
import type { VatReturnEntity } from './modules/vat-return/vat-return.entity.js';
import { createVatReturnsLoader } from './modules/vat-return/vat-return.loaders.js';
import { VatReturnService } from './modules/vat-return/vat-return.service.js';

export interface VatContext extends BaseContext {
  loaders: { vatReturns: DataLoader<string, VatReturnEntity[]> };
}

export function createVatContext(base: BaseContext, runtime: SubgraphRuntime): VatContext {
  return {
    ...base,
    loaders: { vatReturns: createVatReturnsLoader(new VatReturnService(runtime.dataSource)) },
  };
}
