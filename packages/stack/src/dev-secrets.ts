import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { StackConfig } from './stack-config';

const secretsSchema = z.object({
  GATEWAY_SECRET: z.string().min(16),
  KEY_ENCRYPTION_SECRET: z.string().min(32),
});
export type DevSecrets = z.infer<typeof secretsSchema>;

/**
 * Secrets for a local run: taken from the environment when set, else generated once and kept in
 * `.data/dev-secrets.json` (git-ignored) so restarts keep sessions valid. Never used in production config.
 */
export async function loadDevSecrets(
  path: string,
  config: Pick<StackConfig, 'GATEWAY_SECRET' | 'KEY_ENCRYPTION_SECRET'>,
): Promise<DevSecrets> {
  const stored = await readFile(path, 'utf8').then(
    (text) => secretsSchema.partial().parse(JSON.parse(text)),
    () => ({}) as Partial<DevSecrets>,
  );
  const secrets: DevSecrets = {
    GATEWAY_SECRET: config.GATEWAY_SECRET ?? stored.GATEWAY_SECRET ?? randomBytes(24).toString('hex'),
    KEY_ENCRYPTION_SECRET:
      config.KEY_ENCRYPTION_SECRET ?? stored.KEY_ENCRYPTION_SECRET ?? randomBytes(32).toString('hex'),
  };
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
