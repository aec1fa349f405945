import { defineSubgraph } from '@holovitals/subgraph-kit';
import { AuditLogEntity } from './entities/audit-log.entity';
import { ConsentGrantEntity } from './entities/consent-grant.entity';
import { RightsRequestEntity } from './entities/rights-request.entity';
import { auditIngestionHandlers } from './events/audit-ingestion.handlers';
import { directoryHandlers } from './events/directory.handlers';
import { CreateAuditLog1764600000000 } from './migrations/1764600000000-create-audit-log';
import { CreateConsent1764610000000 } from './migrations/1764610000000-create-consent';
import { PeopleDirectoryAndDelegation1765200000000 } from './migrations/1765200000000-people-directory-and-delegation';
import { CreateRightsRequest1765200100000 } from './migrations/1765200100000-create-rights-request';
import { AccessLogResolver } from './resolvers/access-log.resolver';
import { AuditLogResolver } from './resolvers/audit-log.resolver';
import { ConsentGrantResolver } from './resolvers/consent-grant.resolver';
import { RightsRequestResolver } from './resolvers/rights-request.resolver';
import { mapRightsRequestError } from './resolvers/rights-request-error-mapping';

export const complianceSubgraph = defineSubgraph({
  name: 'compliance',
  resolvers: [AuditLogResolver, AccessLogResolver, ConsentGrantResolver, RightsRequestResolver],
  entities: [AuditLogEntity, ConsentGrantEntity, RightsRequestEntity],
  migrations: [
    CreateAuditLog1764600000000,
    CreateConsent1764610000000,
    PeopleDirectoryAndDelegation1765200000000,
    CreateRightsRequest1765200100000,
  ],
  mapError: mapRightsRequestError,
  eventHandlers: () => ({ ...auditIngestionHandlers(), ...directoryHandlers() }),
});
