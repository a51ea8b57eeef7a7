import 'reflect-metadata';
import { runSubgraphMain } from '@kantoor/platform';
import { billingSubgraph } from './index.js';

void runSubgraphMain(billingSubgraph);
