import { workerMigrations } from '@holovitals/worker-runtime';
import { AnalysisResultEntity } from './entities/analysis-result.entity';
import { AnalysisTaskEntity } from './entities/analysis-task.entity';
import { ContextEntryEntity } from './entities/context-entry.entity';
import { CreateAnalysis1765300000000 } from './migrations/1765300000000-create-analysis';
import { AnalysesAccessProjection1765410000000 } from './migrations/1765410000000-analyses-access-projection';
import { ContextCache1765420000000 } from './migrations/1765420000000-context-cache';

/** The analysis database, shared by the subgraph (which migrates it) and its worker. */
export const analysisEntities = [AnalysisTaskEntity, AnalysisResultEntity, ContextEntryEntity];
export const analysisMigrations = [
  ...workerMigrations,
  CreateAnalysis1765300000000,
  AnalysesAccessProjection1765410000000,
  ContextCache1765420000000,
];
