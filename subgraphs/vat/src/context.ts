import type { BaseContext, SubgraphRuntime } from '@kantoor/platform';
import { VatOverviewService } from './modules/overview/overview.service.js';
import { createVatLoaders, type VatLoaders } from './modules/vat-return/vat-return.loaders.js';
import { VatReturnReader } from './modules/vat-return/vat-return.service.js';
import { VatWorkflowService } from './modules/vat-return/vat-workflow.service.js';
import { VatSuppletieService } from './modules/vat-return/vat-suppletie.service.js';

export interface VatContext extends BaseContext {
  vat: {
    loaders: VatLoaders;
    reader: VatReturnReader;
    workflow: VatWorkflowService;
    suppleties: VatSuppletieService;
    overview: VatOverviewService;
  };
}

export function createVatContext(base: BaseContext, runtime: SubgraphRuntime): VatContext {
  const loaders = createVatLoaders(runtime.dataSource);
  return {
    ...base,
    vat: {
      loaders,
      reader: new VatReturnReader(loaders),
      workflow: new VatWorkflowService(runtime.dataSource, runtime.events),
      suppleties: new VatSuppletieService(runtime.dataSource, runtime.events),
      overview: new VatOverviewService(runtime.dataSource, loaders),
    },
  };
}
