import '@holovitals/telemetry/register';
import { runSubgraphProcess } from '@holovitals/subgraph-kit';
import { identitySubgraph } from './subgraph';

runSubgraphProcess(identitySubgraph);
