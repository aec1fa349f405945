import { defineSubgraph } from '@holovitals/subgraph-kit';
import { ehrConfig } from './config';
import { createEhrServices } from './ehr-services';
import { EhrAuthorizationRequestEntity } from './entities/ehr-authorization-request.entity';
import { EhrConnectionEntity } from './entities/ehr-connection.entity';
import { EhrProviderEntity } from './entities/ehr-provider.entity';
import { SyncRunEntity } from './entities/sync-run.entity';
import { CreateEhrProvider1764950000000 } from './migrations/1764950000000-create-ehr-provider';
import { CreateEhrConnection1765100000000 } from './migrations/1765100000000-create-ehr-connection';
import { AddSyncRunFetchMethod1765300000000 } from './migrations/1765300000000-add-sync-run-fetch-method';
import { EhrConnectionResolver } from './resolvers/ehr-connection.resolver';
import { mapEhrError } from './resolvers/ehr-error-mapping';
import { EhrProviderResolver } from './resolvers/ehr-provider.resolver';
import { SyncRunResolver } from './resolvers/sync-run.resolver';
import { EhrSyncProgressResolver } from './live/ehr-sync-progress';
import { SyncRunProgress1765300100000 } from './migrations/1765300100000-sync-run-progress';
import { EhrProviderClientRegistration1767100000000 } from './migrations/1767100000000-ehr-provider-client-registration';
import { syncAppliedHandlers } from './events/sync-applied.handlers';

export const ehrSubgraph = defineSubgraph({
  name: 'ehr',
  config: ehrConfig,
  resolvers: [EhrProviderResolver, EhrConnectionResolver, SyncRunResolver, EhrSyncProgressResolver],
  entities: [EhrProviderEntity, EhrAuthorizationRequestEntity, EhrConnectionEntity, SyncRunEntity],
  migrations: [
    CreateEhrProvider1764950000000,
    CreateEhrConnection1765100000000,
    AddSyncRunFetchMethod1765300000000,
    SyncRunProgress1765300100000,
    EhrProviderClientRegistration1767100000000,
  ],
  mapError: mapEhrError,
  services: createEhrServices,
  closeServices: (services) => services.syncQueue.close(),
  eventHandlers: (runtime, services) =>
    syncAppliedHandlers({ changes: services.changes, logger: runtime.logger }),
});
