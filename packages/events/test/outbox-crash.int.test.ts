import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EventConsumer } from '../src/event-consumer';
import { eventStreamKey } from '../src/event-stream-message';
import { OutboxRelay } from '../src/outbox-relay';
import {
  createEventTestEnvironment,
  type EventTestEnvironment,
  readStream,
  silentLogger,
  testKeyPairsForChild,
  testPublicKeys,
  testSigningKey,
} from './event-test-environment';

const packageDir = join(__dirname, '..');
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const group = 'patient-projection';

let env: EventTestEnvironment;

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  messages: Array<Record<string, string>>;
  stderr: string;
}

const loadCrashProcess = `require('jiti').createJiti(${JSON.stringify(`${packageDir}/`)})('./test/crash-process.ts')`;

/** Runs test/crash-process.ts; `killOnFirstMessage` SIGKILLs it as soon as it reports its commit. */
function runCrashProcess(
  parameters: Record<string, string>,
  killOnFirstMessage = false,
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', loadCrashProcess], {
      cwd: packageDir,
      env: { ...process.env, TEST_EVENT_KEY_PAIRS: testKeyPairsForChild(), ...parameters },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const messages: Array<Record<string, string>> = [];
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const lines = stdout.split('\n');
      stdout = lines.pop() ?? '';
      for (const line of lines) {
        messages.push(JSON.parse(line) as Record<string, string>);
        if (killOnFirstMessage) {
          child.kill('SIGKILL');
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, messages, stderr }));
  });
}

function relay(): OutboxRelay {
  return new OutboxRelay({
    dataSource: env.dataSource,
    redis: env.redis,
    logger: silentLogger,
    signingKey: testSigningKey('patient'),
    streamPrefix: env.streamPrefix,
  });
}

async function effectCount(eventId: string): Promise<number> {
  const [row]: Array<{ count: number }> = await env.dataSource.query(
    'SELECT count(*)::int AS count FROM handled_effect WHERE event_id = $1',
    [eventId],
  );
  return row?.count ?? 0;
}

async function pendingCount(): Promise<number> {
  const [count] = (await env.redis.xpending(eventStreamKey(env.streamPrefix, 'patient.created'), group)) as [
    number,
  ];
  return count;
}

beforeAll(async () => {
  env = await createEventTestEnvironment();
  await env.dataSource.query('CREATE TABLE patient_record (id uuid PRIMARY KEY)');
  await env.dataSource.query('CREATE TABLE handled_effect (id serial PRIMARY KEY, event_id uuid NOT NULL)');
});

afterAll(async () => {
  await env?.close();
});

beforeEach(async () => {
  await env.dataSource.query('TRUNCATE event_outbox, processed_event, handled_effect, patient_record');
  const keys = await env.redis.keys(`${env.streamPrefix}*`);
  if (keys.length > 0) {
    await env.redis.del(...keys);
  }
});

describe('crash safety', () => {
  it('publishes an event whose process exited before relaying, and handles a double publish once', async () => {
    const child = await runCrashProcess({
      CRASH_MODE: 'publish-then-exit',
      CRASH_DATABASE_URL: env.databaseUrl,
    });
    expect(child).toMatchObject({ code: 0, stderr: '' });
    const eventId = child.messages[0]?.committed as string;
    expect(await env.dataSource.query('SELECT id FROM patient_record')).toEqual([
      { id: child.messages[0]?.patientId },
    ]);
    expect(await env.redis.exists(eventStreamKey(env.streamPrefix, 'patient.created'))).toBe(0);

    expect(await relay().relayOnce()).toBe(1);
    // A relay that died after XADD but before its commit leaves the row unpublished, so it goes out again.
    await env.dataSource.query('UPDATE event_outbox SET published_at = NULL WHERE id = $1', [eventId]);
    expect(await relay().relayOnce()).toBe(1);
    const entries = await readStream(env.redis, eventStreamKey(env.streamPrefix, 'patient.created'));
    expect(entries.map((entry) => entry.fields.id)).toEqual([eventId, eventId]);

    const handled: string[] = [];
    const consumer = new EventConsumer({
      dataSource: env.dataSource,
      redis: env.redis,
      group,
      logger: silentLogger,
      publicKeys: testPublicKeys,
      streamPrefix: env.streamPrefix,
      blockMs: 20,
      handlers: {
        'patient.created': async (event, manager) => {
          handled.push(event.id);
          await manager.query('INSERT INTO handled_effect (event_id) VALUES ($1)', [event.id]);
        },
      },
    });
    try {
      expect(await consumer.processOnce()).toBe(2);
    } finally {
      await consumer.stop();
    }

    expect(handled).toEqual([eventId]);
    expect(await effectCount(eventId)).toBe(1);
    expect(await pendingCount()).toBe(0);
  });

  it('survives SIGKILL of the publisher, and of a consumer between its commit and XACK', async () => {
    const publisher = await runCrashProcess(
      { CRASH_MODE: 'publish-then-hang', CRASH_DATABASE_URL: env.databaseUrl },
      true,
    );
    expect(publisher.signal).toBe('SIGKILL');
    const eventId = publisher.messages[0]?.committed as string;

    expect(await relay().relayOnce()).toBe(1);

    const doomed = await runCrashProcess({
      CRASH_MODE: 'consume-then-crash',
      CRASH_DATABASE_URL: env.databaseUrl,
      CRASH_REDIS_URL: redisUrl,
      CRASH_STREAM_PREFIX: env.streamPrefix,
      CRASH_GROUP: group,
    });
    expect(doomed).toMatchObject({ signal: 'SIGKILL', stderr: '' });
    expect(doomed.messages).toEqual([{ handledAndCommitted: eventId }]);
    expect(await effectCount(eventId)).toBe(1);
    expect(await pendingCount()).toBe(1);

    const handled: string[] = [];
    const survivor = new EventConsumer({
      dataSource: env.dataSource,
      redis: env.redis,
      group,
      logger: silentLogger,
      publicKeys: testPublicKeys,
      streamPrefix: env.streamPrefix,
      retryAfterMs: 20,
      blockMs: 20,
      handlers: {
        'patient.created': async (event, manager) => {
          handled.push(event.id);
          await manager.query('INSERT INTO handled_effect (event_id) VALUES ($1)', [event.id]);
        },
      },
    });
    try {
      for (let round = 0; round < 1_000 && (await pendingCount()) > 0; round += 1) {
        await survivor.processOnce();
      }
    } finally {
      await survivor.stop();
    }

    expect(await pendingCount()).toBe(0);
    expect(handled).toEqual([]);
    expect(await effectCount(eventId)).toBe(1);
  });
});
