import '@holovitals/telemetry/register';
import { runSubgraphProcess } from '@holovitals/subgraph-kit';
import { standardsSubgraph } from './subgraph';

runSubgraphProcess(standardsSubgraph);
