import 'reflect-metadata';
import { runSubgraphMain } from '@kantoor/platform';
import { tenancySubgraph } from './index.js';

void runSubgraphMain(tenancySubgraph);
