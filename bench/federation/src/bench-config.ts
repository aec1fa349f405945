import { z } from 'zod';

export const GATEWAY_KINDS = ['stock', 'tuned', 'hive', 'holovitals', 'holovitals-untraced'] as const;
export type GatewayKind = (typeof GATEWAY_KINDS)[number];
export const BENCH_PARTS = ['federation', 'stack', 'standards'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((value) => value.split(',').map((name) => name.trim()))
    .pipe(z.array(z.enum(values)).min(1));

const schema = z.object({
  /** Seconds of load per gateway and query. */
  BENCH_SECONDS: z.coerce.number().int().positive().default(5),
  BENCH_CONNECTIONS: z.coerce.number().int().positive().default(50),
  /**
   * Which gateways to run (comma list). `holovitals-untraced` is left out by default: without an exporter our
   * gateway no longer starts the OpenTelemetry SDK, so it would measure the same thing twice.
   */
  BENCH_GATEWAYS: z.string().default('stock,tuned,hive,holovitals').pipe(list(GATEWAY_KINDS)),
  /** Which parts run (comma list): the four-subgraph scenario, the real stack (`me`, dashboard), standards. */
  BENCH_PARTS: z.string().default(BENCH_PARTS.join(',')).pipe(list(BENCH_PARTS)),
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
