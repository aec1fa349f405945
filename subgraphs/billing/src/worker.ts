import '@holovitals/telemetry/register';
import { runWorkerProcess } from '@holovitals/worker-runtime';
import { billingWorker } from './billing-worker';

runWorkerProcess(billingWorker);
