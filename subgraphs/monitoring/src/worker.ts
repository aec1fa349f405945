import '@holovitals/telemetry/register';
import { runWorkerProcess } from '@holovitals/worker-runtime';
import { monitoringWorker } from './monitoring-worker';

runWorkerProcess(monitoringWorker);
