import { encryptionConfigShape } from '@holovitals/encryption';
import { modelClientSettings } from '@holovitals/model-client';
import { queueProducerConfigShape } from '@holovitals/worker-runtime';
import { z } from 'zod';

/** Settings the subgraph and its worker share: the queue's retry policy and the context cipher. */
export const analysisSharedConfig = {
  ...queueProducerConfigShape,
  /** Master keys that seal each record snapshot's data key; without them a key derived from KEY_ENCRYPTION_SECRET is used. */
  ENCRYPTION_KEYS: encryptionConfigShape.ENCRYPTION_KEYS.optional(),
  ENCRYPTION_ACTIVE_KEY_ID: z.string().optional(),
  /** The secret every HoloVitals process of a deployment shares (the stack generates it). */
  KEY_ENCRYPTION_SECRET: z.string().min(32, 'KEY_ENCRYPTION_SECRET must be at least 32 characters'),
  /** Tries per analysis (first included) before it is dead-lettered. */
  ANALYSIS_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  /** First retry delay; each further retry waits twice as long. */
  ANALYSIS_BACKOFF_MS: z.coerce.number().int().min(0).default(5_000),
  /** A try running longer than this is aborted and counts as failed. */
  ANALYSIS_TIMEOUT_MS: z.coerce.number().int().min(100).default(120_000),
  /** How long a de-identified model context is kept in PostgreSQL at importance 0.5 (0: half, 1: one and a half). */
  ANALYSIS_CONTEXT_RETENTION_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(30 * 86_400),
  /** A cached context's importance halves every this many days without reads. */
  ANALYSIS_CONTEXT_HALF_LIFE_DAYS: z.coerce.number().positive().default(14),
  /**
   * Most record tokens (about 4 characters each) sent in one model call; a larger record is analysed in chunks by
   * section and date, and the cited answers merged. Leave room in the model's context for instruction and answer.
   */
  ANALYSIS_CHUNK_TOKENS: z.coerce.number().int().min(200).default(6_000),
  /** The model analyzer (MODEL_BASE_URL, MODEL_API_KEY, MODEL_NAME, prices, timeout): unset, rules only. */
  ...modelClientSettings,
  /** Share of model calls (0–1) that try another active prompt version than the best-scoring one. */
  PROMPT_EXPLORATION_SHARE: z.coerce.number().min(0).max(1).default(0.1),
  /** Calls a prompt version gets before its measured score decides whether it is used. */
  PROMPT_MIN_SAMPLES: z.coerce.number().int().min(0).default(5),
};

/** The analysis subgraph's own settings, validated with the base ones at start-up. */
export const analysisConfig = {
  ...analysisSharedConfig,
  /**
   * Where the patient subgraph answers (called with the gateway credential and the caller's own token, so
   * patient applies its owner/consent/admin checks and audits). Unset: 127.0.0.1 on PATIENT_PORT.
   */
  SUBGRAPH_PATIENT_URL: z.string().url().optional(),
  /** The patient subgraph's port when SUBGRAPH_PATIENT_URL is unset (the stack sets it); default the registry's. */
  PATIENT_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** How long a record snapshot is kept (encrypted) for its task; expired ones are deleted. */
  ANALYSIS_CONTEXT_TTL_SECONDS: z.coerce.number().int().min(60).default(86_400),
  /** How long a stored or read model context stays in the Redis hot tier. */
  ANALYSIS_CONTEXT_HOT_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Longest context text `storeContext` accepts (characters). */
  ANALYSIS_CONTEXT_MAX_CHARS: z.coerce.number().int().min(100).default(50_000),
  /** Largest number of records of one kind fetched for an analysis; larger records are refused. */
  ANALYSIS_MAX_RECORDS_PER_KIND: z.coerce.number().int().min(1).default(2_000),
  /** Tasks one user may have queued or running at once. */
  ANALYSIS_MAX_OPEN_TASKS_PER_USER: z.coerce.number().int().min(1).default(20),
};

/** The worker: shared settings plus how many analyses it runs at once. */
export const analysisWorkerConfig = {
  ...analysisSharedConfig,
  DATABASE_URL: z.string().url(),
  ANALYSIS_WORKER_CONCURRENCY: z.coerce.number().int().min(1).default(4),
  /** How often cached contexts are re-scored and expired record snapshots and contexts deleted. */
  ANALYSIS_CONTEXT_SWEEP_MS: z.coerce.number().int().min(1_000).default(600_000),
};

export type AnalysisSharedConfig = z.infer<z.ZodObject<typeof analysisSharedConfig>>;
export type AnalysisConfig = z.infer<z.ZodObject<typeof analysisConfig>>;
