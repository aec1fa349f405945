import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { type EventLogger } from '../src/event-logger';
import { ANY_SERVICE, eventOwners } from '../src/event-owners';
import {
  encodeEventPublicKeys,
  type EncodedEventKeyPair,
  type EventPublicKeys,
  type EventSigningKey,
  generateEventKeyPair,
  parseEventPublicKeys,
  parseEventSigningKey,
} from '../src/event-signing';
import { eventMigrations } from '../src/migrations/event-migrations';

const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** One test file's own database (migrated) and Redis key space; `close()` removes both. */
export interface EventTestEnvironment {
  databaseUrl: string;
  dataSource: DataSource;
  redis: Redis;
  streamPrefix: string;
  close(): Promise<void>;
}

export const silentLogger: EventLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};

/**
 * One Ed25519 key pair per producing service, made once per test process; a child process the crash tests
 * spawn gets the parent's pairs through TEST_EVENT_KEY_PAIRS so both sides agree.
 */
const keyPairs = new Map<string, EncodedEventKeyPair>(
  process.env.TEST_EVENT_KEY_PAIRS
    ? (JSON.parse(process.env.TEST_EVENT_KEY_PAIRS) as Array<[string, EncodedEventKeyPair]>)
    : [...new Set(Object.values(eventOwners))]
        .filter((service) => service !== ANY_SERVICE)
        .map((service) => [service, generateEventKeyPair()]),
);

export const testKeyPairsForChild = (): string => JSON.stringify([...keyPairs]);

export function testSigningKey(service: string): EventSigningKey {
  const pair = keyPairs.get(service);
  if (!pair) throw new Error(`No test key for ${service}`);
  return parseEventSigningKey(service, pair.privateKey);
}

export const testPublicKeys: EventPublicKeys = parseEventPublicKeys(
  encodeEventPublicKeys(
    Object.fromEntries([...keyPairs].map(([service, pair]) => [service, pair.publicKey])),
  ),
);

async function withAdmin(sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function createEventDataSource(databaseUrl: string): DataSource {
  return new DataSource({ type: 'postgres', url: databaseUrl, migrations: eventMigrations, logging: false });
}

export async function createEventTestEnvironment(): Promise<EventTestEnvironment> {
  const suffix = randomBytes(4).toString('hex');
  const name = `hv_test_events_${suffix}`;
  await withAdmin(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dataSource = createEventDataSource(databaseUrl);
  await dataSource.initialize();
  await dataSource.runMigrations();
  const redis = new Redis(redisUrl);
  const streamPrefix = `hv:test:events:${suffix}:`;
  return {
    databaseUrl,
    dataSource,
    redis,
    streamPrefix,
    async close(): Promise<void> {
      const keys = await redis.keys(`${streamPrefix}*`);
      if (keys.length > 0) {
        await redis.del(...keys);
      }
      await redis.quit();
      await dataSource.destroy();
      await withAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** Every entry of a stream as `{ entryId, fields }`, fields as a plain object. */
export async function readStream(
  redis: Redis,
  key: string,
): Promise<Array<{ entryId: string; fields: Record<string, string> }>> {
  const entries = await redis.xrange(key, '-', '+');
  return entries.map(([entryId, flat]) => {
    const fields: Record<string, string> = {};
    for (let index = 0; index + 1 < flat.length; index += 2) {
      fields[flat[index] as string] = flat[index + 1] as string;
    }
    return { entryId, fields };
  });
}
