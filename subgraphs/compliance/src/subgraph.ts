import { defineSubgraph } from '@holovitals/subgraph-kit';
import { AuditLogEntity } from './entities/audit-log.entity';
import { ConsentGrantEntity } from './entities/consent-grant.entity';
import { auditIngestionHandlers } from './events/audit-ingestion.handlers';
import { directoryHandlers } from './events/directory.handlers';
import { CreateAuditLog1764600000000 } from './migrations/1764600000000-create-audit-log';
import { CreateConsent1764610000000 } from './migrations/1764610000000-create-consent';
import { AccessLogResolver } from './resolvers/access-log.resolver';
import { AuditLogResolver } from './resolvers/audit-log.resolver';
import { ConsentGrantResolver } from './resolvers/consent-grant.resolver';

export const complianceSubgraph = defineSubgraph({
  name: 'compliance',
  resolvers: [AuditLogResolver, AccessLogResolver, ConsentGrantResolver],
  entities: [AuditLogEntity, ConsentGrantEntity],
  migrations: [CreateAuditLog1764600000000, CreateConsent1764610000000],
  eventHandlers: () => ({ ...auditIngestionHandlers(), ...directoryHandlers() }),
});
