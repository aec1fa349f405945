import { workerMigrations } from '@holovitals/worker-runtime';
import { AnalysisResultEntity } from './entities/analysis-result.entity';
import { AnalysisTaskEntity } from './entities/analysis-task.entity';
import { ContextEntryEntity } from './entities/context-entry.entity';
import { CreateAnalysis1765300000000 } from './migrations/1765300000000-create-analysis';
import { CreateEntitlementProjection1765420000000 } from './migrations/1765420000000-create-entitlement-projection';

/** The analysis database, shared by the subgraph (which migrates it) and its worker. */
export const analysisEntities = [AnalysisTaskEntity, AnalysisResultEntity, ContextEntryEntity];
export const analysisMigrations = [
  ...workerMigrations,
  CreateAnalysis1765300000000,
  CreateEntitlementProjection1765420000000,
];
