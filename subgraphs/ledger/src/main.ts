import 'reflect-metadata';
import { runSubgraphMain } from '@kantoor/platform';
import { ledgerSubgraph } from './index.js';

void runSubgraphMain(ledgerSubgraph);
