import 'reflect-metadata';
import { runSubgraphMain } from '@kantoor/platform';
import { invoicingSubgraph } from './index.js';

void runSubgraphMain(invoicingSubgraph);
