import { z } from 'zod';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parses the environment once at start-up against `shape`. A bad or missing value throws a ConfigError
 * that names each offending variable, so the process stops with a message an operator can act on.
 */
export function loadConfig<Shape extends z.ZodRawShape>(
  service: string,
  shape: Shape,
  env: NodeJS.ProcessEnv,
  /** Checks across settings (one setting required while another is on). */
  refine?: (config: z.infer<z.ZodObject<Shape>>, ctx: z.RefinementCtx) => void,
): z.infer<z.ZodObject<Shape>> {
  const schema = refine ? z.object(shape).superRefine(refine) : z.object(shape);
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration for ${service}:\n${problems.join('\n')}`);
  }
  return result.data;
}
