export { complianceSubgraph } from './subgraph';
