export {
  defineRegistry,
  extendRegistry,
  RegistryError,
  servicesOfKind,
  singleService,
  subgraphsWithoutPhi,
  type ServiceEntry,
  type ServiceKind,
  type ServiceRegistry,
} from './service-entry';
export {
  databaseName,
  defaultSubgraphUrls,
  healthUrl,
  portEnvVar,
  resolvePort,
  subgraphUrlEnvVar,
} from './service-env';
export {
  GENERATED_FILES,
  generatedFiles,
  helmRegistryYaml,
  initDatabasesSql,
  migrateEntry,
  roverYaml,
} from './generated-files';
export { IMAGE_ROLES, imageRole, type ImageRole } from './image-role';
export { SERVICE_REGISTRY } from './services';
