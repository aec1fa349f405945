export { monitoringSubgraph } from './subgraph';
export { monitoringWorker, monitoringWorkerConfig } from './monitoring-worker';
export { webhookSignature } from './alerts/alert-notifications';
