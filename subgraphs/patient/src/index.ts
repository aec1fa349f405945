export { patientSubgraph } from './subgraph';
