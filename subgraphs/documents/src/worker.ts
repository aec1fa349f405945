import '@holovitals/telemetry/register';
import { runWorkerProcess } from '@holovitals/worker-runtime';
import { documentsWorker } from './documents-worker';

runWorkerProcess(documentsWorker);
