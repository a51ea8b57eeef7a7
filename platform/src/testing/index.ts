export * from './database.js';
export * from './subgraph.js';
export * from './wait.js';
