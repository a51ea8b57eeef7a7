import 'reflect-metadata';
import { billingSubgraph } from '@kantoor/billing';
import { invoicingSubgraph } from '@kantoor/invoicing';
import { ledgerSubgraph } from '@kantoor/ledger';
import type { SubgraphDefinition } from '@kantoor/platform';
import { tenancySubgraph } from '@kantoor/tenancy';
import { vatSubgraph } from '@kantoor/vat';

/** Every subgraph, tenancy first: its migrations create the views the others read. */
export const ALL_SUBGRAPHS: SubgraphDefinition[] = [
  tenancySubgraph as unknown as SubgraphDefinition,
  ledgerSubgraph as unknown as SubgraphDefinition,
  invoicingSubgraph as unknown as SubgraphDefinition,
  vatSubgraph as unknown as SubgraphDefinition,
  billingSubgraph as unknown as SubgraphDefinition,
];
