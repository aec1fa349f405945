import { z } from 'zod';

export const GATEWAY_KINDS = ['stock', 'tuned', 'hive', 'holovitals', 'holovitals-untraced'] as const;
export type GatewayKind = (typeof GATEWAY_KINDS)[number];

const schema = z.object({
  /** Seconds of load per gateway and query. */
  BENCH_SECONDS: z.coerce.number().int().positive().default(5),
  BENCH_CONNECTIONS: z.coerce.number().int().positive().default(50),
  /** Which gateways to run (comma list); all by default. Useful when profiling one. */
  BENCH_GATEWAYS: z
    .string()
    .default(GATEWAY_KINDS.join(','))
    .transform((value) => value.split(',').map((name) => name.trim()))
    .pipe(z.array(z.enum(GATEWAY_KINDS)).min(1)),
  /** Extra node flags for our gateway's process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
  BENCH_GATEWAY_NODE_OPTIONS: z.string().default(''),
  /** Our gateway's Redis (rate limit, revocation cache). */
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
});

export type BenchConfig = z.infer<typeof schema>;

export function loadBenchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid benchmark configuration:\n${problems.join('\n')}`);
  }
  return parsed.data;
}
