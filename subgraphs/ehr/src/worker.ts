import '@holovitals/telemetry/register';
import { runWorkerProcess } from '@holovitals/worker-runtime';
import { ehrSyncWorker } from './sync/sync-worker';

runWorkerProcess(ehrSyncWorker);
