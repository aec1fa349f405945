import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { LoaderRegistry } from './loader-registry';
import type { Principal } from './role';

/** What every resolver receives: who asks, how to trace it, per-request loaders and the subgraph's services. */
export interface RequestContext<Services = unknown> {
  service: string;
  principal: Principal | null;
  /** The caller's raw access token, for the rare call a subgraph makes on the caller's behalf. */
  accessToken: string | null;
  traceId: string;
  clientIp: string | null;
  userAgent: string | null;
  logger: Logger;
  dataSource: DataSource;
  redis: Redis;
  loaders: LoaderRegistry;
  services: Services;
}
