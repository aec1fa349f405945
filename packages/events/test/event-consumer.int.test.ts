import { randomUUID } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DomainEvent, type EventPayloadInput, type EventType } from '../src/event-contracts';
import { type ConsumerHandlers, EventConsumer, type EventHandlers } from '../src/event-consumer';
import { ANY_SERVICE, eventOwners } from '../src/event-owners';
import { deadLetterStreamKey, encodeStreamFields, eventStreamKey } from '../src/event-stream-message';
import { enqueueEvent } from '../src/outbox';
import { OutboxRelay } from '../src/outbox-relay';
import {
  createEventTestEnvironment,
  type EventTestEnvironment,
  readStream,
  silentLogger,
  testPublicKeys,
  testSigningKey,
} from './event-test-environment';

let env: EventTestEnvironment;
const consumers: EventConsumer[] = [];

beforeAll(async () => {
  env = await createEventTestEnvironment();
  await env.dataSource.query(
    'CREATE TABLE handled_effect (id serial PRIMARY KEY, consumer_group text NOT NULL, event_id uuid NOT NULL)',
  );
});

afterAll(async () => {
  await Promise.all(consumers.map((consumer) => consumer.stop()));
  await env?.close();
});

beforeEach(async () => {
  await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
  await env.dataSource.query('TRUNCATE event_outbox, processed_event, handled_effect');
  const keys = await env.redis.keys(`${env.streamPrefix}*`);
  if (keys.length > 0) {
    await env.redis.del(...keys);
  }
});

/** Publishes as the type's owner (audit.recorded, which any service may publish, as patient). */
async function publish<T extends EventType>(type: T, payload: EventPayloadInput<T>): Promise<DomainEvent<T>> {
  const source = eventOwners[type] === ANY_SERVICE ? 'patient' : eventOwners[type];
  const event = await env.dataSource.transaction((manager) => enqueueEvent(manager, source, type, payload));
  const relay = new OutboxRelay({
    dataSource: env.dataSource,
    redis: env.redis,
    logger: silentLogger,
    signingKey: testSigningKey(source),
    streamPrefix: env.streamPrefix,
  });
  await relay.relayOnce();
  return event;
}

function consumer(
  group: string,
  handlers: ConsumerHandlers,
  options: { maxDeliveries?: number } = {},
): EventConsumer {
  const created = new EventConsumer({
    dataSource: env.dataSource,
    redis: env.redis,
    group,
    handlers,
    logger: silentLogger,
    publicKeys: testPublicKeys,
    streamPrefix: env.streamPrefix,
    maxDeliveries: options.maxDeliveries,
    retryAfterMs: 20,
    blockMs: 20,
  });
  consumers.push(created);
  return created;
}

async function recordEffect(manager: EntityManager, group: string, eventId: string): Promise<void> {
  await manager.query('INSERT INTO handled_effect (consumer_group, event_id) VALUES ($1, $2)', [
    group,
    eventId,
  ]);
}

async function effects(group: string): Promise<string[]> {
  const rows: Array<{ event_id: string }> = await env.dataSource.query(
    'SELECT event_id FROM handled_effect WHERE consumer_group = $1 ORDER BY id',
    [group],
  );
  return rows.map((row) => row.event_id);
}

async function pendingCount(type: EventType, group: string): Promise<number> {
  const [count] = (await env.redis.xpending(eventStreamKey(env.streamPrefix, type), group)) as [number];
  return count;
}

describe('EventConsumer', () => {
  it('hands a relayed event to the handler once, in a transaction whose effect is applied once', async () => {
    const received: DomainEvent[] = [];
    const patients = consumer('patient-projection', {
      'patient.created': async (event, manager) => {
        received.push(event);
        await recordEffect(manager, 'patient-projection', event.id);
      },
    });
    const event = await publish('patient.created', { patientId: randomUUID(), ownerUserId: null });

    expect(await patients.processOnce()).toBe(1);
    expect(await patients.processOnce()).toBe(0);

    expect(received).toEqual([event]);
    expect(await effects('patient-projection')).toEqual([event.id]);
    expect(await pendingCount('patient.created', 'patient-projection')).toBe(0);
  });

  it('gives every consumer group its own copy of the event', async () => {
    const handlerFor =
      (group: string): EventHandlers['consent.revoked'] =>
      (event, manager) =>
        recordEffect(manager, group, event.id);
    const patient = consumer('patient', { 'consent.revoked': handlerFor('patient') });
    const documents = consumer('documents', { 'consent.revoked': handlerFor('documents') });
    const event = await publish('consent.revoked', {
      consentId: randomUUID(),
      patientId: randomUUID(),
      granteeUserId: randomUUID(),
    });

    await patient.processOnce();
    await documents.processOnce();

    expect(await effects('patient')).toEqual([event.id]);
    expect(await effects('documents')).toEqual([event.id]);
  });

  it('dead-letters an entry whose payload breaks its contract without calling the handler', async () => {
    const received: DomainEvent[] = [];
    const patients = consumer('patient', {
      'patient.created': async (event) => {
        received.push(event);
      },
    });
    // Signed by the genuine owner, so only the contract check can reject it.
    const forged = {
      id: randomUUID(),
      type: 'patient.created',
      source: 'patient',
      occurredAt: new Date().toISOString(),
      traceId: null,
      payload: { patientId: 'not-a-uuid', ownerUserId: null },
    } as unknown as DomainEvent;
    await patients.processOnce();
    await env.redis.xadd(
      eventStreamKey(env.streamPrefix, 'patient.created'),
      '*',
      ...encodeStreamFields(forged, testSigningKey('patient')),
    );

    expect(await patients.processOnce()).toBe(1);

    expect(received).toEqual([]);
    const deadLetters = await readStream(env.redis, deadLetterStreamKey(env.streamPrefix));
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]?.fields).toMatchObject({ group: 'patient', eventId: forged.id, deliveries: '1' });
    expect(deadLetters[0]?.fields.error).toContain('patientId');
    expect(JSON.parse(deadLetters[0]?.fields.event ?? 'null')).toEqual(forged);
    expect(await pendingCount('patient.created', 'patient')).toBe(0);
  });

  it('retries a failing handler, dead-letters it after maxDeliveries, and keeps handling other events', async () => {
    const attempts = new Map<string, number>();
    const analysis = consumer(
      'analysis',
      {
        'patient.updated': async (event, manager) => {
          attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
          await recordEffect(manager, 'analysis', event.id);
          if (event.payload.changed.includes('poison')) {
            throw new Error('downstream rejected the update');
          }
        },
      },
      { maxDeliveries: 3 },
    );
    const poison = await publish('patient.updated', { patientId: randomUUID(), changed: ['poison'] });
    const healthy = await publish('patient.updated', { patientId: randomUUID(), changed: ['name'] });

    const deadLetterKey = deadLetterStreamKey(env.streamPrefix);
    for (let round = 0; round < 2_000 && (await env.redis.xlen(deadLetterKey)) === 0; round += 1) {
      await analysis.processOnce();
    }

    expect(attempts.get(poison.id)).toBe(3);
    expect(attempts.get(healthy.id)).toBe(1);
    // The failing handler's own write rolled back with its transaction each time.
    expect(await effects('analysis')).toEqual([healthy.id]);
    const deadLetters = await readStream(env.redis, deadLetterKey);
    expect(deadLetters.map((entry) => entry.fields)).toEqual([
      expect.objectContaining({
        group: 'analysis',
        stream: eventStreamKey(env.streamPrefix, 'patient.updated'),
        eventId: poison.id,
        deliveries: '3',
        error: 'downstream rejected the update',
      }),
    ]);
    expect(JSON.parse(deadLetters[0]?.fields.event ?? 'null')).toEqual(poison);
    expect(await pendingCount('patient.updated', 'analysis')).toBe(0);
    const processed: Array<{ event_id: string }> = await env.dataSource.query(
      'SELECT event_id FROM processed_event WHERE consumer_group = $1',
      ['analysis'],
    );
    expect(processed).toEqual([{ event_id: healthy.id }]);
  });

  it('running in the background, handles events as they arrive and stops after the in-flight batch', async () => {
    const compliance = consumer('compliance', {
      'audit.recorded': (event, manager) => recordEffect(manager, 'compliance', event.id),
    });
    compliance.start();
    const event = await publish('audit.recorded', {
      actorId: randomUUID(),
      actorRoles: ['PATIENT'],
      action: 'READ',
      entityType: 'Observation',
      entityIds: [randomUUID()],
      patientIds: [randomUUID()],
      outcome: 'SUCCESS',
      traceId: null,
      clientIp: '127.0.0.1',
      service: 'patient',
    });

    let handled = await effects('compliance');
    for (let attempt = 0; handled.length === 0 && attempt < 500; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      handled = await effects('compliance');
    }
    await compliance.stop();

    expect(handled).toEqual([event.id]);
    expect(await pendingCount('audit.recorded', 'compliance')).toBe(0);
  });
});

describe('EventConsumer backlog', () => {
  it('counts undelivered and unacknowledged entries and ages the oldest, and empties once handled', async () => {
    let failing = true;
    const projection = consumer('backlog-projection', {
      'patient.updated': async () => {
        if (failing) throw new Error('database unavailable');
      },
    });
    expect(await projection.backlog()).toEqual([
      { type: 'patient.updated', entries: 0, oldestAgeSeconds: 0 },
    ]);
    await publish('patient.updated', { patientId: randomUUID(), changed: ['name'] });
    await publish('patient.updated', { patientId: randomUUID(), changed: ['birthDate'] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const waiting = await projection.backlog();
    expect(waiting).toEqual([{ type: 'patient.updated', entries: 2, oldestAgeSeconds: expect.any(Number) }]);
    expect(waiting[0]?.oldestAgeSeconds).toBeGreaterThanOrEqual(0.05);

    // Delivered but failed: still behind, and the age keeps growing while nothing is handled.
    await projection.processOnce();
    const stuck = await projection.backlog();
    expect(stuck[0]?.entries).toBe(2);
    expect(stuck[0]?.oldestAgeSeconds).toBeGreaterThanOrEqual(waiting[0]?.oldestAgeSeconds ?? 0);

    failing = false;
    for (let round = 0; round < 500 && (await projection.backlog())[0]?.entries !== 0; round += 1) {
      await projection.processOnce();
    }
    expect(await projection.backlog()).toEqual([
      { type: 'patient.updated', entries: 0, oldestAgeSeconds: 0 },
    ]);
  });
});

describe('EventConsumer batch mode', () => {
  it('hands all new events of one read to the batch handler in one call, and a redelivered one never again', async () => {
    const batches: string[][] = [];
    const projection = consumer('batch-projection', {
      'patient.updated': {
        batch: async (events, manager) => {
          batches.push(events.map((event) => event.id));
          for (const event of events) await recordEffect(manager, 'batch-projection', event.id);
        },
      },
    });
    const events = [];
    for (let n = 0; n < 5; n += 1) {
      events.push(await publish('patient.updated', { patientId: randomUUID(), changed: [`field${n}`] }));
    }

    expect(await projection.processOnce()).toBe(5);
    expect(batches).toEqual([events.map((event) => event.id)]);

    // The relay republishes an event it crashed before marking: same id, new stream entry.
    await env.redis.xadd(
      eventStreamKey(env.streamPrefix, 'patient.updated'),
      '*',
      ...encodeStreamFields(events[2]!, testSigningKey('patient')),
    );
    const later = await publish('patient.updated', { patientId: randomUUID(), changed: ['later'] });
    expect(await projection.processOnce()).toBe(2);
    expect(batches).toEqual([events.map((event) => event.id), [later.id]]);
    expect(await effects('batch-projection')).toEqual([...events, later].map((event) => event.id));
    expect(await pendingCount('patient.updated', 'batch-projection')).toBe(0);
  });

  it('falls back to one event at a time when a batch fails, so one poison event does not hold up the rest', async () => {
    const attempts = new Map<string, number>();
    const projection = consumer(
      'batch-poison',
      {
        'patient.updated': {
          batch: async (events, manager) => {
            for (const event of events) {
              attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
              await recordEffect(manager, 'batch-poison', event.id);
              if (event.payload.changed.includes('poison')) throw new Error('downstream rejected the update');
            }
          },
        },
      },
      { maxDeliveries: 2 },
    );
    const before = await publish('patient.updated', { patientId: randomUUID(), changed: ['name'] });
    const poison = await publish('patient.updated', { patientId: randomUUID(), changed: ['poison'] });
    const after = await publish('patient.updated', { patientId: randomUUID(), changed: ['birthDate'] });

    const deadLetterKey = deadLetterStreamKey(env.streamPrefix);
    for (let round = 0; round < 2_000 && (await env.redis.xlen(deadLetterKey)) === 0; round += 1) {
      await projection.processOnce();
    }

    // Once in the failed batch, then once on its own, which committed.
    expect(attempts.get(before.id)).toBe(2);
    expect(attempts.get(after.id)).toBe(1);
    expect(await effects('batch-poison')).toEqual([before.id, after.id]);
    const deadLetters = await readStream(env.redis, deadLetterKey);
    expect(deadLetters.map((entry) => entry.fields.eventId)).toEqual([poison.id]);
    expect(await pendingCount('patient.updated', 'batch-poison')).toBe(0);
  });
});

describe('EventConsumer authenticity', () => {
  const grant = (): DomainEvent<'consent.granted'> => ({
    id: randomUUID(),
    type: 'consent.granted',
    source: 'compliance',
    occurredAt: new Date().toISOString(),
    traceId: null,
    payload: {
      consentId: randomUUID(),
      patientId: randomUUID(),
      granteeUserId: randomUUID(),
      scopes: ['READ_RECORD'],
      expiresAt: null,
    },
  });

  async function forgedGrantIsRejected(fields: string[], expectedError: string): Promise<void> {
    const received: DomainEvent[] = [];
    const patient = consumer('patient', {
      'consent.granted': async (event, manager) => {
        received.push(event);
        await recordEffect(manager, 'patient', event.id);
      },
    });
    await patient.processOnce();
    await env.redis.xadd(eventStreamKey(env.streamPrefix, 'consent.granted'), '*', ...fields);

    expect(await patient.processOnce()).toBe(1);

    expect(received).toEqual([]);
    expect(await effects('patient')).toEqual([]);
    const deadLetters = await readStream(env.redis, deadLetterStreamKey(env.streamPrefix));
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]?.fields).toMatchObject({ group: 'patient', deliveries: '1' });
    expect(deadLetters[0]?.fields.error).toContain(expectedError);
    expect(await pendingCount('consent.granted', 'patient')).toBe(0);
  }

  it('dead-letters a consent.granted XADDed straight onto Redis without a signature', async () => {
    const event = grant();
    await forgedGrantIsRejected(
      ['id', event.id, 'type', event.type, 'event', JSON.stringify(event)],
      'Unsigned',
    );
  });

  it('dead-letters a consent.granted claiming compliance but signed with another service key', async () => {
    await forgedGrantIsRejected(encodeStreamFields(grant(), testSigningKey('patient')), 'Bad signature');
  });

  it('dead-letters a consent.granted signed by a service that does not own consent events', async () => {
    const event = { ...grant(), source: 'patient' };
    await forgedGrantIsRejected(encodeStreamFields(event, testSigningKey('patient')), 'does not own');
  });

  it('hands the same consent.granted to the handler when compliance signed it', async () => {
    const patient = consumer('patient', {
      'consent.granted': (event, manager) => recordEffect(manager, 'patient', event.id),
    });
    const event = grant();
    await patient.processOnce();
    await env.redis.xadd(
      eventStreamKey(env.streamPrefix, 'consent.granted'),
      '*',
      ...encodeStreamFields(event, testSigningKey('compliance')),
    );

    expect(await patient.processOnce()).toBe(1);
    expect(await effects('patient')).toEqual([event.id]);
  });
});
