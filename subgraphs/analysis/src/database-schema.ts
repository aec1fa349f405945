import { workerMigrations } from '@holovitals/worker-runtime';
import { AIInteractionEntity } from './entities/ai-interaction.entity';
import { AnalysisResultEntity } from './entities/analysis-result.entity';
import { AnalysisSessionEntity } from './entities/analysis-session.entity';
import { AnalysisTaskEntity } from './entities/analysis-task.entity';
import { ContextEntryEntity } from './entities/context-entry.entity';
import { PromptPerformanceEntity } from './entities/prompt-performance.entity';
import { PromptTemplateEntity } from './entities/prompt-template.entity';
import { CreateAnalysis1765300000000 } from './migrations/1765300000000-create-analysis';
import { AnalysesAccessProjection1765410000000 } from './migrations/1765410000000-analyses-access-projection';
import { ContextCache1765420000000 } from './migrations/1765420000000-context-cache';
import { CreateEntitlementProjection1765430000000 } from './migrations/1765430000000-create-entitlement-projection';
import { CreateChatAndPrompts1765400000000 } from './migrations/1765400000000-create-chat-and-prompts';

/** The analysis database, shared by the subgraph (which migrates it) and its worker. */
export const analysisEntities = [
  AnalysisTaskEntity,
  AnalysisResultEntity,
  ContextEntryEntity,
  AnalysisSessionEntity,
  AIInteractionEntity,
  PromptTemplateEntity,
  PromptPerformanceEntity,
];
export const analysisMigrations = [
  ...workerMigrations,
  CreateAnalysis1765300000000,
  CreateChatAndPrompts1765400000000,
  AnalysesAccessProjection1765410000000,
  ContextCache1765420000000,
  CreateEntitlementProjection1765430000000,
];
