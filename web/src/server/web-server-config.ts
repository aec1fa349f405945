import { z } from 'zod';

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

const schema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * Load balancers in front of the web server (addresses or CIDR ranges) whose `x-forwarded-for` is
   * believed. Empty when browsers connect to the web server directly. See README, Security.
   */
  TRUSTED_PROXIES: list.default([]),
  /**
   * The documents subgraph as this server reaches it; `GET`/`PUT /files` (signed upload and download URLs)
   * are forwarded there, so browsers never talk to the subgraph directly.
   */
  DOCUMENTS_URL: z.string().url().default('http://127.0.0.1:4008'),
});

export type WebServerConfig = z.infer<typeof schema>;

/** Parsed once at start-up; a bad value stops the web server with the variable's name. */
export function loadWebServerConfig(env: NodeJS.ProcessEnv = process.env): WebServerConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration for web:\n${problems.join('\n')}`);
  }
  return result.data;
}
