import '@holovitals/telemetry/register';
import { runSubgraphProcess } from '@holovitals/subgraph-kit';
import { patientSubgraph } from './subgraph';

runSubgraphProcess(patientSubgraph);
