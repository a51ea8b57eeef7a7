import { oncePerRuntime, type BaseContext, type SubgraphRuntime } from '@kantoor/platform';
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

/** The stateless write services, built once per running subgraph (not per request). */
const writersOf = oncePerRuntime((runtime: SubgraphRuntime) => ({
  workflow: new VatWorkflowService(runtime.dataSource, runtime.events),
  suppleties: new VatSuppletieService(runtime.dataSource, runtime.events),
}));

/** Per request: the loaders and the readers built on them. */
export function createVatContext(base: BaseContext, runtime: SubgraphRuntime): VatContext {
  const loaders = createVatLoaders(runtime.dataSource);
  const { workflow, suppleties } = writersOf(runtime);
  return {
    ...base,
    vat: {
      loaders,
      reader: new VatReturnReader(loaders),
      workflow,
      suppleties,
      overview: new VatOverviewService(runtime.dataSource, loaders),
    },
  };
}
