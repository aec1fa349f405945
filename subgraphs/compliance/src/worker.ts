import '@holovitals/telemetry/register';
import { runWorkerProcess } from '@holovitals/worker-runtime';
import { complianceWorker } from './compliance-worker';

runWorkerProcess(complianceWorker);
