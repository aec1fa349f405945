import '@holovitals/telemetry/register';
import { runWorkerProcess } from '@holovitals/worker-runtime';
import { analysisWorker } from './analysis-worker';

runWorkerProcess(analysisWorker);
