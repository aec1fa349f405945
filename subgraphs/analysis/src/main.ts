import '@holovitals/telemetry/register';
import { runSubgraphProcess } from '@holovitals/subgraph-kit';
import { analysisSubgraph } from './subgraph';

runSubgraphProcess(analysisSubgraph);
