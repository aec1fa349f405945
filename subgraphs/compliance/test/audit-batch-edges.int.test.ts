import { encodeStreamBatch, eventStreamKey } from '@holovitals/events';
import { testEventSigningKey } from '@holovitals/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvents } from '../src/audit/audit-append';
import {
  auditEvent,
  eventually,
  startComplianceHarness,
  type ComplianceHarness,
} from './support/compliance-harness';

const VERIFY = `query { verifyAuditChain { valid checkedEntries firstBroken { seq reason } } }`;

let h: ComplianceHarness;
let redis: Redis;

async function stored(): Promise<Array<{ seq: string; event_id: string; decision: string | null }>> {
  return h.sg.dataSource.query(
    `SELECT a.seq, a.event_id, r.decision FROM audit_log a
       LEFT JOIN rbac_access_log r ON r.seq = a.seq
      WHERE a.service = 'patient' ORDER BY a.seq`,
  );
}

async function verify(): Promise<{ valid: boolean; checkedEntries: number }> {
  const response = await h.sg.graphql<{ verifyAuditChain: { valid: boolean; checkedEntries: number } }>(
    VERIFY,
    {},
    { token: await h.token('ADMIN') },
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.verifyAuditChain;
}

beforeAll(async () => {
  h = await startComplianceHarness();
  redis = new Redis(h.sg.redisUrl);
});

afterAll(async () => {
  redis.disconnect();
  await h.stop();
});

describe('batched audit append', () => {
  it('appends an event once when one batch holds it twice, and skips events already chained, gapless', async () => {
    const [a, b, c] = [auditEvent(), auditEvent({ outcome: 'DENIED' }), auditEvent()];
    await h.sg.dataSource.transaction((manager) => appendAuditEvents(manager, [a!, b!]));
    const appended = await h.sg.dataSource.transaction((manager) =>
      appendAuditEvents(manager, [b!, c!, c!, a!]),
    );
    expect(appended.map((event) => event.id)).toEqual([c!.id]);
    const rows = await stored();
    expect(rows.map((row) => [Number(row.seq), row.event_id, row.decision])).toEqual([
      [1, a!.id, 'ALLOW'],
      [2, b!.id, 'DENY'],
      [3, c!.id, 'ALLOW'],
    ]);
    expect(await verify()).toMatchObject({ valid: true });
  });

  it('stores a relay batch redelivered in part next to new events once, in stream order', async () => {
    const key = eventStreamKey(h.sg.eventStreamPrefix, 'audit.recorded');
    const signer = testEventSigningKey('patient');
    const first = Array.from({ length: 6 }, () => auditEvent());
    const second = Array.from({ length: 6 }, () => auditEvent());
    const before = (await stored()).length;
    const publish = async (events: typeof first): Promise<void> => {
      const pipeline = redis.pipeline();
      for (const fields of encodeStreamBatch(events, signer)) pipeline.xadd(key, '*', ...fields);
      await pipeline.exec();
    };
    await publish(first);
    await eventually(stored, (rows) => rows.length >= before + first.length);
    // The relay crashed after XADD and before marking its rows: half of the first batch is published again, in a
    // new batch with new events.
    await publish([...first.slice(3), ...second]);
    const rows = await eventually(stored, (all) => all.length >= before + first.length + second.length);
    expect(rows.slice(before).map((row) => row.event_id)).toEqual(
      [...first, ...second].map((event) => event.id),
    );
    expect(rows.map((row) => Number(row.seq))).toEqual(rows.map((_, index) => index + 1));
    expect(await verify()).toMatchObject({ valid: true, checkedEntries: rows.length });
  });
});
