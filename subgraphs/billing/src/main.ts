import '@holovitals/telemetry/register';
import { runSubgraphProcess } from '@holovitals/subgraph-kit';
import { billingSubgraph } from './subgraph';

runSubgraphProcess(billingSubgraph);
