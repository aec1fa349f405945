import { defineSubgraph } from '@holovitals/subgraph-kit';
import { AuditLogEntity } from './entities/audit-log.entity';
import { auditIngestionHandlers } from './events/audit-ingestion.handlers';
import { CreateAuditLog1764600000000 } from './migrations/1764600000000-create-audit-log';
import { AuditLogResolver } from './resolvers/audit-log.resolver';

export const complianceSubgraph = defineSubgraph({
  name: 'compliance',
  resolvers: [AuditLogResolver],
  entities: [AuditLogEntity],
  migrations: [CreateAuditLog1764600000000],
  eventHandlers: () => auditIngestionHandlers(),
});
