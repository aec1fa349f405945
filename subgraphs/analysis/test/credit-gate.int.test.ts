import type { DomainEvent } from '@holovitals/events';
import { createChangePublisher } from '@holovitals/live-changes';
import { publishTestEvent, testEventSigningKey } from '@holovitals/testing';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AnalysisError } from '../src/analysis-error';
import { analysisSharedConfig } from '../src/config';
import { contextCipher } from '../src/context/context-cipher';
import { AnalysisPriority, AnalysisTaskType, AnalyzerKind } from '../src/entities/analysis-enums';
import {
  entitlementProjectionHandlers,
  projectedEntitlements,
} from '../src/entitlements/entitlement-projection';
import { mapAnalysisError } from '../src/resolvers/analysis-error-mapping';
import { estimateCost } from '../src/tasks/cost-estimate';
import { queueAnalysis } from '../src/tasks/task-requests';
import {
  type AnalysisHarness,
  newUser,
  PATIENT_ID,
  RECORD,
  startAnalysisHarness,
} from './support/analysis-harness';

const PRICING = { inputPerThousand: 50, outputPerThousand: 150 };
const ESTIMATE = estimateCost(AnalyzerKind.MODEL, JSON.stringify(RECORD).length, PRICING).credits;

type Status = 'ACTIVE' | 'PAST_DUE' | 'LOCKED' | 'CANCELED';

function entitlementsEvent(
  userId: string,
  status: Status,
  credits: number,
  occurredAt: string,
): DomainEvent<'billing.entitlements.changed'> {
  return {
    id: randomUUID(),
    type: 'billing.entitlements.changed',
    source: 'billing',
    occurredAt,
    traceId: null,
    payload: { userId, plan: 'PLUS', status, features: ['MODEL_ANALYSIS'], credits },
  };
}

describe('paid analyses need credits (billing.entitlements.changed projection)', () => {
  let h: AnalysisHarness;
  let redis: Redis;

  beforeAll(async () => {
    // Billing's event key exists before the subgraph starts, so analysis accepts events billing signed.
    testEventSigningKey('billing');
    h = await startAnalysisHarness();
    redis = new Redis(h.sg.redisUrl, { maxRetriesPerRequest: 3 });
  }, 60_000);
  afterAll(async () => {
    redis?.disconnect();
    await h?.stop();
  });

  const project = (event: DomainEvent<'billing.entitlements.changed'>) =>
    h.sg.dataSource.transaction((manager) =>
      entitlementProjectionHandlers()['billing.entitlements.changed']!(event, manager),
    );

  /** requestAnalysis once it has read the record: a SUMMARY by the model analyzer (priced) or by rules (free). */
  const request = (ownerUserId: string, analyzer: AnalyzerKind, maxCredits: number | null = null) =>
    queueAnalysis(
      {
        dataSource: h.sg.dataSource,
        cipher: contextCipher(z.object(analysisSharedConfig).parse(h.env)),
        producer: h.producer,
        queue: h.queue,
        changes: createChangePublisher(redis),
        contextTtlSeconds: 3_600,
        logger: console,
        pricing: analyzer === AnalyzerKind.MODEL ? PRICING : null,
      },
      {
        service: 'analysis',
        principal: { id: ownerUserId, roles: ['PATIENT'] },
        traceId: null,
        clientIp: null,
      },
      {
        patientId: PATIENT_ID,
        type: AnalysisTaskType.SUMMARY,
        priority: AnalysisPriority.NORMAL,
        question: null,
        maxCredits,
        ownerUserId,
        analyzer,
      },
      RECORD,
    );

  const refusal = async (ownerUserId: string) => {
    const error = await request(ownerUserId, AnalyzerKind.MODEL).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AnalysisError);
    const mapped = mapAnalysisError(error);
    return { code: mapped?.code, message: mapped?.message, ...mapped?.details };
  };

  const tasksOf = async (ownerUserId: string): Promise<number> => {
    const rows = (await h.sg.dataSource.query(
      `SELECT count(*)::int AS n FROM analysis_task WHERE owner_user_id = $1`,
      [ownerUserId],
    )) as { n: number }[];
    return rows[0]?.n ?? 0;
  };

  it('the estimate of a model analysis is above zero, so the gate applies', () => {
    expect(ESTIMATE).toBeGreaterThan(0);
  });

  it('refuses a model analysis to a user billing never credited, queues nothing; rules still run', async () => {
    const user = newUser();
    const mapped = await refusal(user);
    expect(mapped).toMatchObject({ code: 'FORBIDDEN', reason: 'INSUFFICIENT_CREDITS' });
    expect(await tasksOf(user)).toBe(0);

    const free = await request(user, AnalyzerKind.RULES);
    expect(free.estimatedCost).toBe(0);
    expect(await h.producer.status(h.queue, free.id)).not.toBeNull();
  });

  it('runs a model analysis once credits cover the estimate, refuses when they fall below it', async () => {
    const user = newUser();
    await project(entitlementsEvent(user, 'ACTIVE', Math.ceil(ESTIMATE), '2026-12-01T10:00:00.000Z'));
    const task = await request(user, AnalyzerKind.MODEL);
    expect(task.estimatedCost).toBe(ESTIMATE);
    expect(await h.producer.status(h.queue, task.id)).not.toBeNull();

    await project(entitlementsEvent(user, 'ACTIVE', Math.floor(ESTIMATE) - 1, '2026-12-01T10:05:00.000Z'));
    const mapped = await refusal(user);
    expect(mapped).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'INSUFFICIENT_CREDITS',
      estimatedCents: ESTIMATE,
      remainingCents: Math.floor(ESTIMATE) - 1,
      // In credits with at most two decimals, as the web app writes the estimate this refuses.
      message: `This analysis is estimated at ${Math.round(ESTIMATE * 100) / 100} credits and you have ${Math.floor(ESTIMATE) - 1} credits left; upgrade or wait for your next period.`,
    });
    expect(await tasksOf(user)).toBe(1);
  });

  it('refuses a task estimated above the credits the caller approved, before the credit check; the estimate itself passes', async () => {
    const user = newUser();
    await project(entitlementsEvent(user, 'ACTIVE', 10 * Math.ceil(ESTIMATE), '2026-12-01T10:00:00.000Z'));
    const error = await request(user, AnalyzerKind.MODEL, ESTIMATE - 0.01).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect({ code: mapAnalysisError(error)?.code, ...mapAnalysisError(error)?.details }).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'ESTIMATE_ABOVE_APPROVED',
      field: 'maxCredits',
      estimatedCents: ESTIMATE,
    });
    expect(await tasksOf(user)).toBe(0);
    const approved = await request(user, AnalyzerKind.MODEL, ESTIMATE);
    expect(approved.estimatedCost).toBe(ESTIMATE);
  });

  it('refuses a model analysis while the subscription is LOCKED, whatever credit is left', async () => {
    const user = newUser();
    await project(entitlementsEvent(user, 'LOCKED', 100_000, '2026-12-01T10:00:00.000Z'));
    const mapped = await refusal(user);
    expect(mapped).toMatchObject({ code: 'FORBIDDEN', reason: 'SUBSCRIPTION_LOCKED' });
    expect(await tasksOf(user)).toBe(0);
  });

  it('takes entitlements from the event bus: signed by billing they count, signed by anyone else they do not', async () => {
    const user = newUser();
    const marker = newUser();
    const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
    await publishTestEvent(h.sg, entitlementsEvent(user, 'ACTIVE', 700, at(0)));
    // Newer, but signed by a service that does not own the event type: dropped.
    await publishTestEvent(h.sg, entitlementsEvent(user, 'ACTIVE', 100_000, at(1_000)), {
      signer: 'analysis',
    });
    // Same stream, after the forged one: once it is projected, the forged one was handled.
    await publishTestEvent(h.sg, entitlementsEvent(marker, 'ACTIVE', 1, at(2_000)));
    await expect
      .poll(async () => (await projectedEntitlements(h.sg.dataSource.manager, marker))?.creditsCents, {
        timeout: 15_000,
      })
      .toBe(1);
    expect((await projectedEntitlements(h.sg.dataSource.manager, user))?.creditsCents).toBe(700);
  });

  it('keeps the newest entitlements: a replayed or older event changes nothing', async () => {
    const user = newUser();
    const newest = entitlementsEvent(user, 'ACTIVE', 500, '2026-12-01T12:00:00.000Z');
    await project(newest);
    await project(entitlementsEvent(user, 'LOCKED', 0, '2026-12-01T11:00:00.000Z'));
    await project(newest);
    expect(await projectedEntitlements(h.sg.dataSource.manager, user)).toEqual({
      plan: 'PLUS',
      status: 'ACTIVE',
      features: ['MODEL_ANALYSIS'],
      creditsCents: 500,
    });
  });
});
