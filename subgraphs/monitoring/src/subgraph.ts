import { defineSubgraph } from '@holovitals/subgraph-kit';
import { monitoringConfig, type MonitoringServices } from './config';
import { AlertRuleEntity } from './entities/alert-rule.entity';
import { ErrorEventEntity } from './entities/error-event.entity';
import { ErrorGroupEntity } from './entities/error-group.entity';
import { HealthTransitionEntity } from './entities/health-transition.entity';
import { MetricSampleEntity } from './entities/metric-sample.entity';
import { OperationalAlertEntity } from './entities/operational-alert.entity';
import { ServiceHealthEntity } from './entities/service-health.entity';
import { monitoringEventHandlers } from './events/monitoring-event.handlers';
import { ServiceHealthChangeResolver } from './live/service-health-change.resolver';
import { CreateMonitoring1765300000000 } from './migrations/1765300000000-create-monitoring';
import { ErrorGroupResolver } from './resolvers/error-group.resolver';
import { MetricsResolver } from './resolvers/metrics.resolver';
import { mapMonitoringError } from './resolvers/monitoring-error-mapping';
import { OperationalAlertResolver } from './resolvers/operational-alert.resolver';
import { ServiceHealthResolver } from './resolvers/service-health.resolver';

export const monitoringSubgraph = defineSubgraph({
  name: 'monitoring',
  config: monitoringConfig,
  resolvers: [
    ServiceHealthResolver,
    ErrorGroupResolver,
    MetricsResolver,
    OperationalAlertResolver,
    ServiceHealthChangeResolver,
  ],
  entities: [
    ServiceHealthEntity,
    HealthTransitionEntity,
    ErrorGroupEntity,
    ErrorEventEntity,
    MetricSampleEntity,
    AlertRuleEntity,
    OperationalAlertEntity,
  ],
  migrations: [CreateMonitoring1765300000000],
  mapError: mapMonitoringError,
  services: ({ config }): MonitoringServices => ({ config }),
  eventHandlers: () => monitoringEventHandlers(),
});
