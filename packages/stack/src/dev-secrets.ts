import { encodeEventPublicKeys, generateEventKeyPair } from '@holovitals/events';
import { type ServiceEntry, servicesOfKind } from '@holovitals/service-registry';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { StackConfig } from './stack-config';

const keyPairSchema = z.object({ privateKey: z.string().min(1), publicKey: z.string().min(1) });

const secretsSchema = z.object({
  GATEWAY_SECRET: z.string().min(16),
  KEY_ENCRYPTION_SECRET: z.string().min(32),
  /** `requirepass` of the redis-server the stack starts when none answers. */
  REDIS_PASSWORD: z.string().min(16),
  /** HMAC key of signed file URLs (documents' uploads and downloads). */
  BLOB_URL_SIGNING_KEY: z.string().min(32),
  /** Bearer key of the local model server, and of the model clients that call it. */
  MODEL_API_KEY: z.string().min(16),
  /** The local Stripe server's secret API key and webhook signing secret, shared with billing. */
  STRIPE_SECRET_KEY: z.string().startsWith('sk_test_'),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_'),
  /** HMAC key monitoring signs its alert webhooks with, so receivers can tell them from forgeries. */
  ALERT_WEBHOOK_SECRET: z.string().min(32),
  /** compliance-worker signs audit checkpoints with the private key (PKCS#8 PEM); compliance verifies with the public one (base64 SPKI DER). */
  AUDIT_CHECKPOINT_KEY: keyPairSchema,
  /** Each service's Ed25519 event signing key pair (base64 DER), by service name. */
  EVENT_KEYS: z.record(z.string(), keyPairSchema),
});
export type DevSecrets = z.infer<typeof secretsSchema>;

/**
 * Secrets for a local run: taken from the environment when set, else generated once and kept in
 * `.data/dev-secrets.json` (git-ignored) so restarts keep sessions valid. `services` names every process
 * that publishes events; each gets its own signing key. Never used in production config.
 */
export async function loadDevSecrets(
  path: string,
  config: Pick<
    StackConfig,
    'GATEWAY_SECRET' | 'KEY_ENCRYPTION_SECRET' | 'REDIS_PASSWORD' | 'BLOB_URL_SIGNING_KEY'
  >,
  services: readonly string[],
): Promise<DevSecrets> {
  const stored = await readFile(path, 'utf8').then(
    (text) => secretsSchema.partial().parse(JSON.parse(text)),
    () => ({}) as Partial<DevSecrets>,
  );
  const eventKeys = { ...stored.EVENT_KEYS };
  for (const service of services) eventKeys[service] ??= generateEventKeyPair();
  const secrets: DevSecrets = {
    GATEWAY_SECRET: config.GATEWAY_SECRET ?? stored.GATEWAY_SECRET ?? randomBytes(24).toString('hex'),
    KEY_ENCRYPTION_SECRET:
      config.KEY_ENCRYPTION_SECRET ?? stored.KEY_ENCRYPTION_SECRET ?? randomBytes(32).toString('hex'),
    REDIS_PASSWORD: config.REDIS_PASSWORD ?? stored.REDIS_PASSWORD ?? randomBytes(24).toString('hex'),
    BLOB_URL_SIGNING_KEY:
      config.BLOB_URL_SIGNING_KEY ?? stored.BLOB_URL_SIGNING_KEY ?? randomBytes(32).toString('hex'),
    MODEL_API_KEY: stored.MODEL_API_KEY ?? randomBytes(24).toString('hex'),
    STRIPE_SECRET_KEY: stored.STRIPE_SECRET_KEY ?? `sk_test_${randomBytes(18).toString('hex')}`,
    STRIPE_WEBHOOK_SECRET: stored.STRIPE_WEBHOOK_SECRET ?? `whsec_${randomBytes(24).toString('hex')}`,
    ALERT_WEBHOOK_SECRET: stored.ALERT_WEBHOOK_SECRET ?? randomBytes(32).toString('hex'),
    AUDIT_CHECKPOINT_KEY: stored.AUDIT_CHECKPOINT_KEY ?? generateAuditCheckpointKeyPair(),
    EVENT_KEYS: eventKeys,
  };
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * Every process that signs events under its own name: the subgraphs (their workers sign as their subgraph) and the
 * gateway, which publishes its own `error.reported` events.
 */
export function eventPublishers(registry: readonly ServiceEntry[]): string[] {
  return [...servicesOfKind(registry, 'subgraph'), ...servicesOfKind(registry, 'gateway')].map(
    (entry) => entry.name,
  );
}

/** An Ed25519 pair for audit checkpoints: the private key as PKCS#8 PEM, the public one as base64 SPKI DER. */
export function generateAuditCheckpointKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

/** EVENT_SIGNING_KEY for `service` and every service's public key, as its process reads them. */
export function eventKeyEnv(
  secrets: DevSecrets,
  service: string,
): { EVENT_SIGNING_KEY: string; EVENT_PUBLIC_KEYS: string } {
  const own = secrets.EVENT_KEYS[service];
  if (!own) throw new Error(`No event key for ${service} in the dev secrets`);
  return {
    EVENT_SIGNING_KEY: own.privateKey,
    EVENT_PUBLIC_KEYS: encodeEventPublicKeys(
      Object.fromEntries(Object.entries(secrets.EVENT_KEYS).map(([name, pair]) => [name, pair.publicKey])),
    ),
  };
}

/**
 * `.env` lines with a fresh audit checkpoint key pair and a fresh event key pair per service, for compose and other deployments that take the keys
 * from the environment: EVENT_PUBLIC_KEYS for every service and <SERVICE>_EVENT_SIGNING_KEY for each.
 */
export function eventKeyEnvLines(services: readonly string[]): string[] {
  const pairs = services.map((service) => [service, generateEventKeyPair()] as const);
  const checkpoint = generateAuditCheckpointKeyPair();
  return [
    `AUDIT_CHECKPOINT_SIGNING_KEY="${checkpoint.privateKey.trim().replace(/\n/g, '\\n')}"`,
    `AUDIT_CHECKPOINT_PUBLIC_KEYS=${checkpoint.publicKey}`,
    `EVENT_PUBLIC_KEYS=${encodeEventPublicKeys(Object.fromEntries(pairs.map(([name, pair]) => [name, pair.publicKey])))}`,
    ...pairs.map(([name, pair]) => `${name.toUpperCase()}_EVENT_SIGNING_KEY=${pair.privateKey}`),
  ];
}
