import '@holovitals/telemetry/register';
import { runSubgraphProcess } from '@holovitals/subgraph-kit';
import { complianceSubgraph } from './subgraph';

runSubgraphProcess(complianceSubgraph);
