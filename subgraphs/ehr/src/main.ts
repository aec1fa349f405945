import '@holovitals/telemetry/register';
import { runSubgraphProcess } from '@holovitals/subgraph-kit';
import { ehrSubgraph } from './subgraph';

runSubgraphProcess(ehrSubgraph);
