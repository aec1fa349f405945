export { startStack, type DemoSeedContext, type RunningStack, type StackOptions } from './stack';
export {
  servicePortEnv,
  startRegistryServices,
  type ServiceLaunch,
  type StartedService,
} from './registry-services';
export { dropStackDatabases } from './postgres';
export { startServiceProcess, waitForReady, type ServiceProcess } from './service-process';
