import { runMigrationsProcess } from '@holovitals/subgraph-kit';
import { ehrSubgraph } from './subgraph';

// Migrate-only entry (the Helm chart's pre-install/pre-upgrade Job): applies pending migrations and exits.
runMigrationsProcess(ehrSubgraph);
