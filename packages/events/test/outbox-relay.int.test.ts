import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type EventPayload, InvalidEventError } from '../src/event-contracts';
import { eventStreamKey } from '../src/event-stream-message';
import { enqueueEvent, OutboxTransactionRequiredError } from '../src/outbox';
import { EventOwnershipError } from '../src/event-owners';
import { OutboxRelay } from '../src/outbox-relay';
import {
  createEventTestEnvironment,
  type EventTestEnvironment,
  readStream,
  silentLogger,
  testSigningKey,
} from './event-test-environment';

let env: EventTestEnvironment;

beforeAll(async () => {
  env = await createEventTestEnvironment();
});

afterAll(async () => {
  await env?.close();
});

beforeEach(async () => {
  await env.dataSource.query('DELETE FROM event_outbox');
  const keys = await env.redis.keys(`${env.streamPrefix}*`);
  if (keys.length > 0) {
    await env.redis.del(...keys);
  }
});

function relay(batchSize?: number): OutboxRelay {
  return new OutboxRelay({
    dataSource: env.dataSource,
    redis: env.redis,
    logger: silentLogger,
    signingKey: testSigningKey('patient'),
    streamPrefix: env.streamPrefix,
    batchSize,
  });
}

const updatedStream = (): string => eventStreamKey(env.streamPrefix, 'patient.updated');

describe('enqueueEvent', () => {
  it('relays nothing when the enqueuing transaction rolls back', async () => {
    await expect(
      env.dataSource.transaction(async (manager) => {
        await enqueueEvent(manager, 'patient', 'patient.updated', {
          patientId: randomUUID(),
          changed: ['name'],
        });
        throw new Error('business rule failed after enqueue');
      }),
    ).rejects.toThrow('business rule failed after enqueue');

    expect(await env.dataSource.query('SELECT id FROM event_outbox')).toEqual([]);
    expect(await relay().relayOnce()).toBe(0);
    expect(await env.redis.exists(updatedStream())).toBe(0);
  });

  it('rejects a payload that breaks its contract and writes nothing', async () => {
    const invalid = { patientId: 'not-a-uuid', changed: ['name'] } as EventPayload<'patient.updated'>;
    await expect(
      env.dataSource.transaction((manager) => enqueueEvent(manager, 'patient', 'patient.updated', invalid)),
    ).rejects.toBeInstanceOf(InvalidEventError);
    expect(await env.dataSource.query('SELECT id FROM event_outbox')).toEqual([]);
  });

  it('refuses an event type the source does not own and writes nothing', async () => {
    await expect(
      env.dataSource.transaction((manager) =>
        enqueueEvent(manager, 'patient', 'consent.granted', {
          consentId: randomUUID(),
          patientId: randomUUID(),
          granteeUserId: randomUUID(),
          scopes: ['READ_RECORD'],
          expiresAt: null,
        }),
      ),
    ).rejects.toBeInstanceOf(EventOwnershipError);
    expect(await env.dataSource.query('SELECT id FROM event_outbox')).toEqual([]);
  });

  it('refuses a manager that is not inside a transaction', async () => {
    await expect(
      enqueueEvent(env.dataSource.manager, 'patient', 'patient.updated', {
        patientId: randomUUID(),
        changed: [],
      }),
    ).rejects.toBeInstanceOf(OutboxTransactionRequiredError);
  });

  it('returns the stored event with its trace id and a stripped payload', async () => {
    const patientId = randomUUID();
    const event = await env.dataSource.transaction((manager) =>
      enqueueEvent(
        manager,
        'patient',
        'patient.updated',
        { patientId, changed: ['birthDate'], diagnosis: 'leaked PHI' } as EventPayload<'patient.updated'>,
        { traceId: 'trace-1' },
      ),
    );

    expect(event).toMatchObject({ type: 'patient.updated', source: 'patient', traceId: 'trace-1' });
    expect(event.payload).toEqual({ patientId, changed: ['birthDate'] });
    const rows: Array<{ payload: unknown; published_at: Date | null }> = await env.dataSource.query(
      'SELECT payload, published_at FROM event_outbox WHERE id = $1',
      [event.id],
    );
    expect(rows).toEqual([{ payload: { patientId, changed: ['birthDate'] }, published_at: null }]);
  });
});

describe('OutboxRelay', () => {
  it('publishes each committed event to its type stream once and marks it published', async () => {
    const event = await env.dataSource.transaction((manager) =>
      enqueueEvent(manager, 'patient', 'patient.updated', { patientId: randomUUID(), changed: ['name'] }),
    );
    const outboxRelay = relay();

    expect(await outboxRelay.relayOnce()).toBe(1);
    expect(await outboxRelay.relayOnce()).toBe(0);

    const entries = await readStream(env.redis, updatedStream());
    expect(entries).toHaveLength(1);
    expect(entries[0]?.fields.id).toBe(event.id);
    expect(JSON.parse(entries[0]?.fields.event ?? 'null')).toEqual(event);
    const [row]: Array<{ published_at: Date | null }> = await env.dataSource.query(
      'SELECT published_at FROM event_outbox WHERE id = $1',
      [event.id],
    );
    expect(row?.published_at).toBeInstanceOf(Date);
  });

  it('with two relays running concurrently, publishes every event exactly once', async () => {
    const total = 120;
    const enqueued = await env.dataSource.transaction(async (manager) => {
      const ids: string[] = [];
      for (let index = 0; index < total; index += 1) {
        const event = await enqueueEvent(manager, 'patient', 'patient.updated', {
          patientId: randomUUID(),
          changed: [`field${index}`],
        });
        ids.push(event.id);
      }
      return ids;
    });
    const first = relay(7);
    const second = relay(7);

    const drain = async (outboxRelay: OutboxRelay): Promise<number> => {
      let published = 0;
      for (let batch = await outboxRelay.relayOnce(); batch > 0; batch = await outboxRelay.relayOnce()) {
        published += batch;
      }
      return published;
    };
    const [byFirst, bySecond] = await Promise.all([drain(first), drain(second)]);

    const streamIds = (await readStream(env.redis, updatedStream())).map((entry) => entry.fields.id);
    expect(byFirst + bySecond).toBe(total);
    expect(streamIds).toHaveLength(total);
    expect(new Set(streamIds)).toEqual(new Set(enqueued));
    expect(await env.dataSource.query('SELECT id FROM event_outbox WHERE published_at IS NULL')).toEqual([]);
  });

  it('started in the background, publishes events committed later and stops cleanly', async () => {
    const outboxRelay = new OutboxRelay({
      dataSource: env.dataSource,
      redis: env.redis,
      logger: silentLogger,
      signingKey: testSigningKey('patient'),
      streamPrefix: env.streamPrefix,
      pollIntervalMs: 20,
    });
    outboxRelay.start();
    const event = await env.dataSource.transaction((manager) =>
      enqueueEvent(manager, 'patient', 'patient.updated', { patientId: randomUUID(), changed: ['gender'] }),
    );
    let entries = await readStream(env.redis, updatedStream());
    for (let attempt = 0; entries.length === 0 && attempt < 250; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      entries = await readStream(env.redis, updatedStream());
    }
    await outboxRelay.stop();

    expect(entries.map((entry) => entry.fields.id)).toEqual([event.id]);
  });
});
