export { ehrSubgraph } from './subgraph';
