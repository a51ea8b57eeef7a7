import 'reflect-metadata';
import type { SubgraphDefinition } from '@kantoor/platform';
import { createVatContext, type VatContext } from './context.js';
import { Initial1764000000000 } from './migrations/1764000000000-initial.js';
import { VatReturnEntity } from './modules/vat-return/vat-return.entity.js';
import { buildVatSchema, vatRules } from './schema.js';

export { buildVatSchema, vatRules };
export type { VatContext };

/** BTW-aangiften: VAT periods, boxes, filing workflow. */
export const vatSubgraph: SubgraphDefinition<VatContext> = {
  name: 'vat',
  schema: 'vat',
  entities: [VatReturnEntity],
  migrations: [Initial1764000000000],
  buildSchema: buildVatSchema,
  rules: vatRules,
  createContext: createVatContext,
};
