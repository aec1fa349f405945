export { loadModelServerConfig, type ModelServerConfig } from './config';
export { FAILURES, type Failure, FailurePlan } from './failure-plan';
export { startModelServer, type ModelServerStats, type RunningModelServer } from './model-server';
