import 'reflect-metadata';

export {
  ACCESS_TOKEN_ALGORITHM,
  childTraceparent,
  GATEWAY_CREDENTIAL_HEADER,
  isGatewayCredentialValid,
  REVOCATION_READY_KEY,
  traceIdFrom,
} from '@holovitals/auth';
export { recordAudit, type AuditEntry } from './audit';
export { eventSystemActor, jobSystemActor, SYSTEM_ROLE, type AuditActor } from './system-actor';
export { requireRole, requireUser } from './authorization';
export { baseConfigShape, booleanFlag, commaList, ConfigError, loadConfig, type BaseConfig } from './config';
export { closeDatabase, initDatabase, type Database } from './data-source';
export {
  dataOrThrow,
  type DemoSeedContext,
  demoSignIn,
  type GatewayAnswer,
  gatewayCall,
  gatewayData,
} from './demo-seed-client';
export { defineSubgraph, type SubgraphDefinition, type SubgraphRuntime } from './define-subgraph';
export { DomainError, type DomainErrorMapping, ErrorCode, httpStatusFor } from './domain-error';
export { buildFederatedSchema, FEDERATION_LINK, type ReferenceResolver } from './federated-schema';
export {
  keysetCursor,
  keysetPage,
  parseKeysetCursor,
  type KeysetKeys,
  type KeysetPosition,
} from './keyset-cursor';
export { LoaderRegistry } from './loader-registry';
export { createLogger, type Logger } from './logger';
export { createServiceMetrics, type ServiceMetrics } from './metrics';
export { QueryCounter } from './query-counter';
export {
  connectionFromEdges,
  connectionType,
  PageInfo,
  toConnection,
  type Connection,
  type Edge,
} from './relay-connection';
export type { RequestContext } from './request-context';
export { hasRole, Role, type Principal } from './role';
export { runMigrations, runMigrationsProcess, type MigrationSource } from './run-migrations';
export { runSubgraph, runSubgraphProcess, type RunningSubgraph } from './run-subgraph';
