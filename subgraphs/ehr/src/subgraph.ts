import { defineSubgraph } from '@holovitals/subgraph-kit';
import { ehrConfig } from './config';
import { EhrProviderEntity } from './entities/ehr-provider.entity';
import { CreateEhrProvider1764950000000 } from './migrations/1764950000000-create-ehr-provider';
import { EhrProviderResolver, type EhrServices } from './resolvers/ehr-provider.resolver';

export const ehrSubgraph = defineSubgraph({
  name: 'ehr',
  config: ehrConfig,
  resolvers: [EhrProviderResolver],
  entities: [EhrProviderEntity],
  migrations: [CreateEhrProvider1764950000000],
  services: ({ config }): EhrServices => ({ config }),
});
