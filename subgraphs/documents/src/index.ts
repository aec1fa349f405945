export { documentsSubgraph } from './subgraph';
export { documentsWorker } from './documents-worker';
