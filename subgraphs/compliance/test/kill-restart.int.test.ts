import {
  createTestDatabase,
  publishTestEvent,
  testEventKeyEnv,
  type TestDatabase,
} from '@holovitals/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-chain-verification';
import { AuditLogEntity } from '../src/entities/audit-log.entity';
import { auditEvent, eventually } from './support/compliance-harness';

const MAIN = resolve(__dirname, '../dist/main.js');
const TOTAL = 1_200;

let database: TestDatabase;
let client: Client;
const children: ChildProcess[] = [];
const bus = {
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  eventStreamPrefix: `hv:test:events:${randomBytes(4).toString('hex')}:`,
};

/** The built compliance process, as `npm start` runs it, on the test's database and streams. */
function startCompliance(): ChildProcess {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_URL: database.url,
      REDIS_URL: bus.redisUrl,
      GATEWAY_SECRET: randomBytes(24).toString('hex'),
      KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
      EVENT_STREAM_PREFIX: bus.eventStreamPrefix,
      ...testEventKeyEnv('compliance'),
    },
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

async function stored(): Promise<{ rows: number; distinct: number }> {
  const result = await client.query<{ rows: string; distinct: string }>(
    `SELECT count(*) AS rows, count(DISTINCT event_id) AS distinct FROM audit_log`,
  );
  return { rows: Number(result.rows[0]!.rows), distinct: Number(result.rows[0]!.distinct) };
}

async function storedOnceReady(): Promise<{ rows: number; distinct: number }> {
  try {
    return await stored();
  } catch {
    return { rows: -1, distinct: -1 };
  }
}

beforeAll(async () => {
  database = await createTestDatabase('compliance_kill');
  client = new Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await client.end();
  await database.drop();
});

it('loses and duplicates no audit event when the process is killed while events flow', async () => {
  const events = Array.from({ length: TOTAL }, () => auditEvent());
  const first = startCompliance();
  expect((await eventually(storedOnceReady, (count) => count.rows >= 0)).rows).toBe(0);

  let published = 0;
  const publishing = (async () => {
    for (const event of events) {
      await publishTestEvent(bus, event);
      published += 1;
    }
  })();
  await eventually(stored, (count) => count.rows >= 200);
  first.kill('SIGKILL');
  await new Promise((done) => first.once('exit', done));
  const atKill = (await stored()).rows;
  const publishedAtKill = published;

  startCompliance();
  await publishing;
  // Entries the killed consumer had read but not acknowledged are claimed again after the retry delay (30 s).
  const final = await eventually(stored, (count) => count.rows >= TOTAL, 1_600);

  expect(atKill).toBeLessThan(TOTAL);
  expect(publishedAtKill).toBeLessThan(TOTAL);
  expect(final).toEqual({ rows: TOTAL, distinct: TOTAL });
  const dataSource = new DataSource({ type: 'postgres', url: database.url, entities: [AuditLogEntity] });
  await dataSource.initialize();
  try {
    expect(await verifyAuditChain(dataSource, new Map(), null, null)).toEqual({
      valid: true,
      checkedEntries: TOTAL,
      firstBroken: null,
      checkpointsVerified: 0,
      brokenCheckpoint: null,
      purgedThroughSeq: null,
    });
  } finally {
    await dataSource.destroy();
  }
}, 120_000);
