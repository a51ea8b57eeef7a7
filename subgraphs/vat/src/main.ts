import 'reflect-metadata';
import { runSubgraphMain } from '@kantoor/platform';
import { vatSubgraph } from './index.js';

void runSubgraphMain(vatSubgraph);
