import '@holovitals/telemetry/register';
import { runSubgraphProcess } from '@holovitals/subgraph-kit';
import { monitoringSubgraph } from './subgraph';

runSubgraphProcess(monitoringSubgraph);
