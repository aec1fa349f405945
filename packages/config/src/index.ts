export { ConfigError, loadConfig } from './load-config';
export {
  accessTokenSettings,
  booleanFlag,
  commaList,
  databaseSettings,
  errorReportSettings,
  gatewaySecretSettings,
  LOCAL_REDIS_URL,
  maxRequestBytes,
  port,
  redisSettings,
  runtimeSettings,
} from './settings';
