import type { DomainEvent } from '@holovitals/events';
import { jobSystemActor, Role } from '@holovitals/subgraph-kit';
import { publishTestEvent } from '@holovitals/testing';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { analysisSharedConfig } from '../src/config';
import { findContext, hotKey, openContext, storeContext } from '../src/context/context-cache';
import { contextCipher } from '../src/context/context-cipher';
import { sweepContexts } from '../src/context/context-sweep';
import { ContextEntryEntity } from '../src/entities/context-entry.entity';
import {
  type AnalysisHarness,
  eventually,
  newUser,
  PATIENT_ID,
  startAnalysisHarness,
} from './support/analysis-harness';

const STORE = `mutation S($input: StoreContextInput!) {
  storeContext(input: $input) { id text identifiersRemoved importance tier expiresAt } }`;
const READ = `query C($id: ID!) { context(id: $id) { id text tier importance } }`;

const IDENTIFIERS = [
  'John',
  'Smith',
  '48213977',
  '03/14/1961',
  'Springfield',
  'Boston',
  '(217) 555-0142',
  'jones',
];
const NOTE =
  'Patient: John Smith, MRN 48213977, DOB 03/14/1961. Moved from Boston, lives in Springfield. Phone (217) 555-0142. ' +
  'seen by dr. jones. LDL 171 mg/dL (high), HbA1c 7.9 %, on metformin 500 mg; diagnosis E11.9 type 2 diabetes.';

type Body = {
  data?: Record<string, unknown> | null;
  errors?: readonly { extensions?: Record<string, unknown> }[];
};

describe('context cache (Redis hot tier over encrypted PostgreSQL rows)', () => {
  let h: AnalysisHarness;
  let redis: Redis;
  const owner = newUser();

  const gql = async (
    role: Role,
    user: string,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<Body> =>
    (await h.sg.graphql<Record<string, unknown>>(query, variables, { token: await h.token(role, user) }))
      .body;
  const store = async (text = NOTE) => {
    const body = await gql(Role.PATIENT, owner, STORE, { input: { patientId: PATIENT_ID, text } });
    expect(body.errors).toBeUndefined();
    return (
      body.data as {
        storeContext: {
          id: string;
          text: string;
          identifiersRemoved: number;
          importance: number;
          tier: string;
          expiresAt: string;
        };
      }
    ).storeContext;
  };
  const read = async (id: string, user = owner, role = Role.PATIENT) => gql(role, user, READ, { id });
  const audits = async (action: string, id: string) =>
    (await h.sg.dataSource.query(
      `SELECT payload FROM event_outbox WHERE type = 'audit.recorded' AND payload->>'action' = $1
         AND payload->'entityIds' ? $2`,
      [action, id],
    )) as { payload: { outcome: string } }[];

  beforeAll(async () => {
    h = await startAnalysisHarness();
    redis = new Redis(h.sg.redisUrl);
    const event: DomainEvent<'patient.created'> = {
      id: randomUUID(),
      type: 'patient.created',
      source: 'patient',
      occurredAt: new Date().toISOString(),
      traceId: null,
      payload: { patientId: PATIENT_ID, ownerUserId: owner },
    };
    await publishTestEvent(h.sg, event);
    await eventually(
      () =>
        h.sg.dataSource.query(`SELECT 1 FROM patient_owner WHERE patient_id = $1`, [PATIENT_ID]) as Promise<
          unknown[]
        >,
      (rows) => rows.length === 1,
    );
  }, 60_000);
  afterAll(async () => {
    redis?.disconnect();
    await h?.stop();
  });

  it('stores only sanitized text, encrypted in both tiers, and audits the write', async () => {
    const stored = await store();
    for (const identifier of IDENTIFIERS) expect(stored.text).not.toContain(identifier);
    expect(stored.text).toContain('LDL 171 mg/dL');
    expect(stored.identifiersRemoved).toBe(7); // "John Smith" is one span
    expect(stored.importance).toBeGreaterThan(0.5);

    const cipher = contextCipher(z.object(analysisSharedConfig).parse(h.env));
    const row = await h.sg.dataSource.getRepository(ContextEntryEntity).findOneByOrFail({ id: stored.id });
    const hot = await redis.get(hotKey(stored.id));
    expect(hot).toBe(row.ciphertext);
    for (const sealed of [row.ciphertext, hot ?? '']) {
      for (const identifier of IDENTIFIERS) expect(sealed).not.toContain(identifier);
      const plain = cipher.decrypt(sealed, `analysis.context_entry:${stored.id}`).toString('utf8');
      expect(plain).toBe(stored.text);
      for (const identifier of IDENTIFIERS) expect(plain).not.toContain(identifier);
    }
    const ttl = await redis.ttl(hotKey(stored.id));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(900);
    expect((await audits('create', stored.id)).map((row) => row.payload.outcome)).toEqual(['SUCCESS']);
  });

  it('answers from Redis, falls back to PostgreSQL when the hot copy is lost, and re-warms it', async () => {
    const stored = await store();
    expect((await read(stored.id)).data).toMatchObject({ context: { tier: 'HOT', text: stored.text } });
    await redis.del(hotKey(stored.id));
    expect((await read(stored.id)).data).toMatchObject({ context: { tier: 'COLD', text: stored.text } });
    expect(await redis.exists(hotKey(stored.id))).toBe(1);
    expect((await read(stored.id)).data).toMatchObject({ context: { tier: 'HOT' } });
    expect((await audits('read', stored.id)).map((row) => row.payload.outcome)).toEqual([
      'SUCCESS',
      'SUCCESS',
      'SUCCESS',
    ]);
    const row = await h.sg.dataSource.getRepository(ContextEntryEntity).findOneByOrFail({ id: stored.id });
    expect(row.accessCount).toBe(3);
  });

  it('keeps working from PostgreSQL alone when Redis is unreachable', async () => {
    const down = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    // Connection errors surface through the commands (and the warnings below), not as an unhandled event.
    down.on('error', () => undefined);
    const warnings: unknown[] = [];
    const deps = {
      cipher: contextCipher(z.object(analysisSharedConfig).parse(h.env)),
      redis: down,
      logger: { warn: (...args: unknown[]) => warnings.push(args) },
      hotSeconds: 900,
      retentionSeconds: 86_400,
    };
    const manager = h.sg.dataSource.manager;
    const { entry } = await storeContext(manager, deps, {
      patientId: PATIENT_ID,
      ownerUserId: owner,
      text: NOTE,
    });
    const found = await findContext(manager, entry.id);
    expect(found).not.toBeNull();
    const opened = await openContext(manager, deps, found as ContextEntryEntity);
    expect(opened.tier).toBe('COLD');
    for (const identifier of IDENTIFIERS) expect(opened.text).not.toContain(identifier);
    expect(warnings.length).toBeGreaterThan(0);
    down.disconnect();
  });

  it('refuses another user (NOT_FOUND on read, FORBIDDEN on store), audited as DENIED', async () => {
    const stored = await store();
    const stranger = newUser();
    expect((await read(stored.id, stranger, Role.CLINICIAN)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const refused = await gql(Role.PATIENT, stranger, STORE, {
      input: { patientId: PATIENT_ID, text: 'LDL 90 mg/dL' },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await audits('read', stored.id)).map((row) => row.payload.outcome)).toEqual(['DENIED']);
    expect((await read(stored.id, newUser(), Role.ADMIN)).data).toMatchObject({ context: { id: stored.id } });
    const empty = await gql(Role.PATIENT, owner, STORE, { input: { patientId: PATIENT_ID, text: '  ' } });
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('re-scores importance with age, moves retention with it, and expires past retention in both tiers', async () => {
    const dense = await store();
    const prose = await store('Patient John Smith came in today to talk about how things are going at home.');
    expect(prose.importance).toBeLessThan(dense.importance);
    expect(new Date(prose.expiresAt).getTime()).toBeLessThan(new Date(dense.expiresAt).getTime());

    const repository = h.sg.dataSource.getRepository(ContextEntryEntity);
    const before = await repository.findOneByOrFail({ id: dense.id });
    const actor = jobSystemActor('analysis', { queue: 'analysis.context-expiry', id: 'test' });
    const settings = { retentionSeconds: 30 * 86_400, halfLifeDays: 14 };
    const later = new Date(Date.now() + 20 * 86_400_000);
    const first = await sweepContexts(h.sg.dataSource, redis, settings, actor, later);
    expect(first.rescored).toBeGreaterThan(0);
    const after = await repository.findOneByOrFail({ id: dense.id });
    expect(after.importance).toBeLessThan(before.importance);
    expect(after.expiresAt.getTime()).toBeLessThan(before.expiresAt.getTime());

    const past = new Date(Date.now() + 60 * 86_400_000);
    const swept = await sweepContexts(h.sg.dataSource, redis, settings, actor, past);
    expect(swept.expired).toBeGreaterThanOrEqual(2);
    expect(await repository.findOneBy({ id: dense.id })).toBeNull();
    expect(await redis.exists(hotKey(dense.id), hotKey(prose.id))).toBe(0);
    expect((await read(dense.id)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await audits('expire', dense.id)).length).toBe(1);
  });
});
