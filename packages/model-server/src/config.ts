import { loadConfig, port, runtimeSettings } from '@holovitals/config';
import { SERVICE_REGISTRY } from '@holovitals/service-registry';
import { z } from 'zod';

const defaultPort = SERVICE_REGISTRY.find((entry) => entry.name === 'model-server')?.port ?? 4204;

const modelServerShape = {
  ...runtimeSettings,
  PORT: port.default(defaultPort),
  /** The bearer key clients must send; requests without it get 401. */
  MODEL_SERVER_API_KEY: z.string().min(8, 'MODEL_SERVER_API_KEY must be at least 8 characters'),
  /** The model id `GET /v1/models` lists and answers carry. */
  MODEL_SERVER_MODEL: z.string().min(1).default('holovitals-local'),
  /** Fixed delay before every answer, to measure throughput at a known model latency. */
  MODEL_SERVER_LATENCY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  /** How long a request injected with a `timeout` failure hangs before the server gives up on it. */
  MODEL_SERVER_HANG_MS: z.coerce.number().int().min(0).default(120_000),
};

export type ModelServerConfig = ReturnType<typeof loadModelServerConfig>;

export function loadModelServerConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig('model-server', modelServerShape, env);
}
