import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EventConsumer } from '../src/event-consumer';
import { EventRetention } from '../src/event-retention';
import { deadLetterStreamKey, eventStreamKey } from '../src/event-stream-message';
import { enqueueEvent } from '../src/outbox';
import { pruneOutbox } from '../src/outbox-pruning';
import { OutboxRelay } from '../src/outbox-relay';
import { trimEventStreams, trimStream } from '../src/stream-trimming';
import {
  createEventTestEnvironment,
  type EventTestEnvironment,
  silentLogger,
  testPublicKeys,
  testSigningKey,
} from './event-test-environment';

let env: EventTestEnvironment;
const DAY_MS = 86_400_000;
const noCap = { maxAgeMs: 365 * DAY_MS, maxLength: 1_000_000 };

beforeAll(async () => {
  env = await createEventTestEnvironment();
});

afterAll(async () => {
  await env?.close();
});

beforeEach(async () => {
  await env.dataSource.query('TRUNCATE event_outbox, processed_event');
  const keys = await env.redis.keys(`${env.streamPrefix}*`);
  if (keys.length > 0) await env.redis.del(...keys);
});

const stream = (): string => eventStreamKey(env.streamPrefix, 'patient.updated');

async function publishUpdates(count: number): Promise<void> {
  await env.dataSource.transaction(async (manager) => {
    for (let index = 0; index < count; index += 1) {
      await enqueueEvent(manager, 'patient', 'patient.updated', {
        patientId: randomUUID(),
        changed: ['name'],
      });
    }
  });
  const relay = new OutboxRelay({
    dataSource: env.dataSource,
    redis: env.redis,
    logger: silentLogger,
    signingKey: testSigningKey('patient'),
    streamPrefix: env.streamPrefix,
  });
  await relay.relayOnce();
}

function consumer(group: string, fail = false): EventConsumer {
  return new EventConsumer({
    dataSource: env.dataSource,
    redis: env.redis,
    group,
    logger: silentLogger,
    publicKeys: testPublicKeys,
    streamPrefix: env.streamPrefix,
    retryAfterMs: 60_000,
    blockMs: 10,
    handlers: {
      'patient.updated': async () => {
        if (fail) throw new Error('downstream down');
      },
    },
  });
}

const trimOptions = () => ({ redis: env.redis, streamPrefix: env.streamPrefix, ...noCap });

describe('stream trimming', () => {
  it('removes every entry once all consumer groups have acknowledged it', async () => {
    const analysis = consumer('analysis');
    const documents = consumer('documents');
    await publishUpdates(5);
    await analysis.processOnce();
    await documents.processOnce();
    expect(await env.redis.xlen(stream())).toBe(5);

    const results = await trimEventStreams(trimOptions());

    expect(results.find((result) => result.stream === stream())?.removed).toBe(5);
    expect(await env.redis.xlen(stream())).toBe(0);
    await analysis.stop();
    await documents.stop();
  });

  it('keeps entries a group has not read yet, and trims up to what the slowest group still needs', async () => {
    const fast = consumer('fast');
    const slow = consumer('slow');
    await publishUpdates(3);
    await fast.processOnce();
    await slow.processOnce();
    await publishUpdates(4);
    await fast.processOnce();

    await trimStream(trimOptions(), stream());

    // `slow` acknowledged the first three and has not read the last four.
    expect(await env.redis.xlen(stream())).toBe(4);
    await fast.stop();
    await slow.stop();
  });

  it('keeps an entry a group read but never acknowledged (its handler keeps failing)', async () => {
    const healthy = consumer('healthy');
    const failing = consumer('failing', true);
    await publishUpdates(2);
    await healthy.processOnce();
    await failing.processOnce();
    const [pendingCount] = (await env.redis.xpending(stream(), 'failing')) as [number];
    expect(pendingCount).toBe(2);

    await trimStream(trimOptions(), stream());

    expect(await env.redis.xlen(stream())).toBe(2);
    await healthy.stop();
    await failing.stop();
  });

  it('leaves a stream no group reads yet to the caps, and the caps bound any stream', async () => {
    await publishUpdates(6);
    await trimStream(trimOptions(), stream());
    expect(await env.redis.xlen(stream())).toBe(6);

    await trimStream({ ...trimOptions(), maxLength: 2 }, stream());
    expect(await env.redis.xlen(stream())).toBe(2);

    // Entries older than the age cap go too, acknowledged or not.
    await trimStream({ ...trimOptions(), maxAgeMs: 0, now: () => Date.now() + 1_000 }, stream());
    expect(await env.redis.xlen(stream())).toBe(0);
  });

  it('bounds the dead-letter stream by the caps', async () => {
    const deadLetters = deadLetterStreamKey(env.streamPrefix);
    for (let index = 0; index < 5; index += 1) await env.redis.xadd(deadLetters, '*', 'error', 'x');

    await trimEventStreams({ ...trimOptions(), maxLength: 3 });

    expect(await env.redis.xlen(deadLetters)).toBe(3);
  });
});

describe('outbox pruning', () => {
  it('deletes published rows older than the retention in batches and keeps recent and unpublished ones', async () => {
    await publishUpdates(5);
    await env.dataSource.transaction((manager) =>
      enqueueEvent(manager, 'patient', 'patient.updated', { patientId: randomUUID(), changed: ['old'] }),
    );
    // Age everything by two days: five published rows and one still owed to the bus.
    await env.dataSource.query(
      `UPDATE event_outbox SET occurred_at = occurred_at - interval '2 days',
         published_at = published_at - interval '2 days'`,
    );
    await publishUpdates(2);

    const result = await pruneOutbox({ dataSource: env.dataSource, retentionMs: DAY_MS, batchSize: 2 });

    expect(result.outboxRows).toBe(5);
    const remaining: Array<{ published: boolean }> = await env.dataSource.query(
      'SELECT published_at IS NOT NULL AS published FROM event_outbox ORDER BY position',
    );
    // The unpublished old row was published by the last relay pass; only the two recent ones and it stay.
    expect(remaining).toHaveLength(3);
  });

  it('never deletes an unpublished row, however old', async () => {
    await env.dataSource.transaction((manager) =>
      enqueueEvent(manager, 'patient', 'patient.updated', { patientId: randomUUID(), changed: ['name'] }),
    );
    await env.dataSource.query(`UPDATE event_outbox SET occurred_at = occurred_at - interval '30 days'`);

    const result = await pruneOutbox({ dataSource: env.dataSource, retentionMs: 0 });

    expect(result.outboxRows).toBe(0);
    expect(await env.dataSource.query('SELECT id FROM event_outbox')).toHaveLength(1);
  });

  it('prunes processed-event marks past the retention', async () => {
    await env.dataSource.query(
      `INSERT INTO processed_event (consumer_group, event_id, processed_at)
       VALUES ('patient', $1, now() - interval '8 days'), ('patient', $2, now())`,
      [randomUUID(), randomUUID()],
    );

    const result = await pruneOutbox({ dataSource: env.dataSource, retentionMs: 7 * DAY_MS });

    expect(result.processedMarks).toBe(1);
    expect(await env.dataSource.query('SELECT event_id FROM processed_event')).toHaveLength(1);
  });
});

describe('EventRetention', () => {
  it('running in the background, shrinks a stream once its group has consumed it', async () => {
    const compliance = consumer('compliance');
    await publishUpdates(3);
    await compliance.processOnce();
    const retention = new EventRetention({
      dataSource: env.dataSource,
      redis: env.redis,
      logger: silentLogger,
      streamPrefix: env.streamPrefix,
      streamMaxAgeMs: DAY_MS,
      streamMaxLength: 1000,
      outboxRetentionMs: DAY_MS,
      intervalMs: 10,
    });
    retention.start();
    for (let attempt = 0; attempt < 200 && (await env.redis.xlen(stream())) > 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await retention.stop();
    await compliance.stop();

    expect(await env.redis.xlen(stream())).toBe(0);
  });
});
