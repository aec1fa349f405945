import '@holovitals/telemetry/register';
import { runSubgraphProcess } from '@holovitals/subgraph-kit';
import { documentsSubgraph } from './subgraph';

runSubgraphProcess(documentsSubgraph);
