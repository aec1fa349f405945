import type { EnvelopeCipher } from '@holovitals/encryption';
import { modelClientOptions, type ModelClientOptions } from '@holovitals/model-client';
import { createChangePublisher, type ChangePublisher } from '@holovitals/live-changes';
import { SERVICE_REGISTRY } from '@holovitals/service-registry';
import type { SubgraphRuntime } from '@holovitals/subgraph-kit';
import { type QueueDefinition, QueueProducer } from '@holovitals/worker-runtime';
import type { AnalyzerRegistry } from './analyzers/analyzer-registry';
import { configuredAnalyzers, modelPricing } from './analyzers/configured-analyzers';
import type { AnalysisConfig } from './config';
import type { ContextCacheDeps } from './context/context-cache';
import { contextCipher } from './context/context-cipher';
import { type SelectionPolicy, selectionPolicy } from './prompts/prompt-selection';
import type { RecordSource } from './record/record-fetch';
import type { ModelPricing } from './tasks/cost-estimate';
import { type AnalysisJob, analysisQueue } from './tasks/analysis-queue';

/** What the analysis subgraph's resolvers get on `ctx.services`, built once at start-up. */
export interface AnalysisServices {
  config: AnalysisConfig & { GATEWAY_SECRET: string };
  producer: QueueProducer;
  queue: QueueDefinition<AnalysisJob>;
  cipher: EnvelopeCipher;
  changes: ChangePublisher;
  analyzers: AnalyzerRegistry;
  /** The model's prices for cost estimates; null when no model is configured. */
  pricing: ModelPricing | null;
  recordSource: RecordSource;
  /** The context cache: Redis hot tier over the context_entry rows, one cipher for both. */
  contextCache: ContextCacheDeps;
  /** The chat's model (null: the chat refuses with CHAT_NEEDS_MODEL) and how its prompt version is chosen. */
  chat: { model: ModelClientOptions | null; prompts: SelectionPolicy };
}

const patientRegistryPort = SERVICE_REGISTRY.find((entry) => entry.name === 'patient')?.port ?? 4002;

export function createAnalysisServices(runtime: SubgraphRuntime<AnalysisConfig>): AnalysisServices {
  const { config } = runtime;
  const cipher = contextCipher(config);
  return {
    config,
    producer: new QueueProducer({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX }),
    queue: analysisQueue(config),
    cipher,
    changes: createChangePublisher(runtime.redis),
    analyzers: configuredAnalyzers(config, runtime.dataSource),
    pricing: modelPricing(config),
    chat: { model: modelClientOptions(config), prompts: selectionPolicy(config) },
    recordSource: {
      url:
        config.SUBGRAPH_PATIENT_URL ??
        `http://127.0.0.1:${config.PATIENT_PORT ?? patientRegistryPort}/graphql`,
      gatewaySecret: config.GATEWAY_SECRET,
      maxRecordsPerKind: config.ANALYSIS_MAX_RECORDS_PER_KIND,
    },
    contextCache: {
      cipher,
      redis: runtime.redis,
      logger: runtime.logger,
      hotSeconds: config.ANALYSIS_CONTEXT_HOT_SECONDS,
      retentionSeconds: config.ANALYSIS_CONTEXT_RETENTION_SECONDS,
    },
  };
}
