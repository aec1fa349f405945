import type { GraphQLResponse } from '@holovitals/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyLapsingRightsRequests } from '../src/rights/rights-deadlines';
import { startComplianceHarness, type ComplianceHarness } from './support/compliance-harness';

const FILE = `mutation File($input: FileRightsRequestInput!) {
  fileRightsRequest(input: $input) { id kind status details patientId filedAt dueAt }
}`;
const MINE = `{ myRightsRequests { id status dueAt extensionReason resolution } }`;
const LIST = `query List($status: RightsRequestStatus, $first: Int!, $after: String) {
  rightsRequests(status: $status, first: $first, after: $after) { nodes { id status } endCursor }
}`;
const EXTEND = `mutation Extend($id: ID!, $reason: String!) {
  extendRightsRequest(id: $id, reason: $reason) { id status dueAt extendedAt extensionReason }
}`;
const COMPLETE = `mutation Complete($id: ID!, $resolution: String!) {
  completeRightsRequest(id: $id, resolution: $resolution) { id status resolution closedBy closedAt }
}`;
const DENY = `mutation Deny($id: ID!, $reason: String!) { denyRightsRequest(id: $id, reason: $reason) { id status resolution } }`;

const DAY_MS = 86_400_000;

interface QueuePage {
  rightsRequests: { nodes: Array<{ id: string; status: string }>; endCursor: string | null };
}
let h: ComplianceHarness;
const patientUser = randomUUID();
const patientId = randomUUID();
const adminId = randomUUID();
let patientToken: string;
let adminToken: string;

beforeAll(async () => {
  h = await startComplianceHarness({ EVENTS_ENABLED: 'false' });
  await h.sg.dataSource.query('INSERT INTO patient_owner (patient_id, owner_user_id) VALUES ($1, $2)', [
    patientId,
    patientUser,
  ]);
  patientToken = await h.token('PATIENT', patientUser);
  adminToken = await h.token('ADMIN', adminId);
});

afterAll(() => h.stop());

async function requestCount(): Promise<number> {
  return Number((await h.sg.dataSource.query('SELECT count(*) AS n FROM rights_request'))[0].n);
}

async function fileOne(kind = 'ACCESS'): Promise<{ id: string; filedAt: string; dueAt: string }> {
  const response = await h.sg.graphql<{ fileRightsRequest: { id: string; filedAt: string; dueAt: string } }>(
    FILE,
    { input: { kind, details: 'Please send me a copy of my record.' } },
    { token: patientToken },
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.fileRightsRequest;
}

async function outbox(type: string): Promise<Array<Record<string, unknown>>> {
  const rows: Array<{ payload: Record<string, unknown> }> = await h.sg.dataSource.query(
    'SELECT payload FROM event_outbox WHERE type = $1 ORDER BY occurred_at',
    [type],
  );
  return rows.map((row) => row.payload);
}

describe('patient rights requests', () => {
  it('are filed by the patient, due 30 days later, audited, and listed as theirs only', async () => {
    const filed = await fileOne('AMENDMENT');
    expect(new Date(filed.dueAt).getTime() - new Date(filed.filedAt).getTime()).toBe(30 * DAY_MS);
    expect(await outbox('audit.recorded')).toContainEqual(
      expect.objectContaining({
        actorId: patientUser,
        action: 'file',
        entityType: 'RightsRequest',
        entityIds: [filed.id],
        patientIds: [patientId],
      }),
    );
    const mine = await h.sg.graphql<{ myRightsRequests: Array<{ id: string }> }>(
      MINE,
      {},
      { token: patientToken },
    );
    expect(mine.body.data!.myRightsRequests.map((request) => request.id)).toContain(filed.id);
    const other = await h.sg.graphql<{ myRightsRequests: unknown[] }>(
      MINE,
      {},
      { token: await h.token('PATIENT') },
    );
    expect(other.body.data!.myRightsRequests).toEqual([]);
  });

  it.each([
    ['empty details', { kind: 'ACCESS', details: '   ' }, 'BAD_USER_INPUT'],
    ['details over 4,000 characters', { kind: 'ACCESS', details: 'x'.repeat(4_001) }, 'BAD_USER_INPUT'],
    ['an unknown kind', { kind: 'FORGET_ME', details: 'Delete everything.' }, 'BAD_USER_INPUT'],
  ])('refuses %s with nothing written', async (_name, input, code) => {
    const before = await requestCount();
    const response = await h.sg.graphql(FILE, { input }, { token: patientToken });
    expect(response.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(await requestCount()).toBe(before);
  });

  it('are worked by ADMIN only', async () => {
    const { id } = await fileOne();
    const asPatient = await h.sg.graphql(LIST, { first: 10 }, { token: patientToken });
    expect(asPatient.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const extend = await h.sg.graphql(EXTEND, { id, reason: 'Because.' }, { token: patientToken });
    expect(extend.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const complete = await h.sg.graphql(COMPLETE, { id, resolution: 'Done.' }, { token: patientToken });
    expect(complete.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await h.sg.graphql(LIST, { first: 10 }, { token: null });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('get exactly one documented 30-day extension', async () => {
    const filed = await fileOne();
    const blank = await h.sg.graphql(EXTEND, { id: filed.id, reason: '' }, { token: adminToken });
    expect(blank.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });

    const extended = await h.sg.graphql<{ extendRightsRequest: Record<string, string> }>(
      EXTEND,
      { id: filed.id, reason: 'Records are held by a business associate.' },
      { token: adminToken },
    );
    expect(extended.body.errors).toBeUndefined();
    expect(extended.body.data!.extendRightsRequest).toMatchObject({
      status: 'EXTENDED',
      extensionReason: 'Records are held by a business associate.',
    });
    expect(new Date(extended.body.data!.extendRightsRequest.dueAt!).getTime()).toBe(
      new Date(filed.dueAt).getTime() + 30 * DAY_MS,
    );

    const again = await h.sg.graphql(EXTEND, { id: filed.id, reason: 'Still busy.' }, { token: adminToken });
    expect(again.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'ALREADY_EXTENDED',
    });
    const [row] = await h.sg.dataSource.query(
      'SELECT due_at, extension_reason FROM rights_request WHERE id = $1',
      [filed.id],
    );
    expect(row.extension_reason).toBe('Records are held by a business associate.');
  });

  it('are completed or denied once, with the resolution the patient then sees', async () => {
    const done = await fileOne();
    const denied = await fileOne('RESTRICTION');
    const completed = await h.sg.graphql<{ completeRightsRequest: Record<string, unknown> }>(
      COMPLETE,
      { id: done.id, resolution: 'Copy sent by secure message.' },
      { token: adminToken },
    );
    expect(completed.body.data!.completeRightsRequest).toMatchObject({
      status: 'COMPLETED',
      resolution: 'Copy sent by secure message.',
      closedBy: adminId,
    });
    const refused = await h.sg.graphql<{ denyRightsRequest: Record<string, unknown> }>(
      DENY,
      { id: denied.id, reason: 'The restriction would prevent treatment.' },
      { token: adminToken },
    );
    expect(refused.body.data!.denyRightsRequest).toMatchObject({ status: 'DENIED' });

    const closedAgain = await h.sg.graphql(
      DENY,
      { id: done.id, reason: 'Changed my mind.' },
      { token: adminToken },
    );
    expect(closedAgain.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'ALREADY_CLOSED',
    });
    const extendClosed = await h.sg.graphql(EXTEND, { id: done.id, reason: 'Late.' }, { token: adminToken });
    expect(extendClosed.body.errors?.[0]?.extensions?.reason).toBe('ALREADY_CLOSED');

    const missing = await h.sg.graphql(
      COMPLETE,
      { id: randomUUID(), resolution: 'x' },
      { token: adminToken },
    );
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await h.sg.graphql(COMPLETE, { id: 'nope', resolution: 'x' }, { token: adminToken });
    expect(malformed.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const mine = await h.sg.graphql<{ myRightsRequests: Array<{ id: string; resolution: string | null }> }>(
      MINE,
      {},
      { token: patientToken },
    );
    expect(mine.body.data!.myRightsRequests.find((request) => request.id === done.id)?.resolution).toBe(
      'Copy sent by secure message.',
    );
  });

  it('page through the ADMIN list by status, soonest due first', async () => {
    for (let n = 0; n < 3; n += 1) await fileOne();
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: GraphQLResponse<QueuePage> = await h.sg.graphql<QueuePage>(
        LIST,
        { status: 'OPEN', first: 2, after },
        { token: adminToken },
      );
      const { nodes, endCursor } = page.body.data!.rightsRequests;
      expect(nodes.every((node) => node.status === 'OPEN')).toBe(true);
      seen.push(...nodes.map((node) => node.id));
      after = endCursor;
    } while (after !== null);
    const open: Array<{ id: string }> = await h.sg.dataSource.query(
      `SELECT id FROM rights_request WHERE status = 'OPEN' ORDER BY due_at, id`,
    );
    expect(seen).toEqual(open.map((row) => row.id));

    const bad = await h.sg.graphql(LIST, { first: 2, after: 'garbage' }, { token: adminToken });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await h.sg.graphql(LIST, { first: 500 }, { token: adminToken });
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('rights request deadlines', () => {
  it('emit rights.request.deadline.approaching once per request and stage, again after an extension', async () => {
    await h.sg.dataSource.query(
      `UPDATE rights_request SET status = 'COMPLETED' WHERE status IN ('OPEN', 'EXTENDED')`,
    );
    const { id } = await fileOne('ACCOUNTING_OF_DISCLOSURES');
    const notify = (now: Date): Promise<number> =>
      notifyLapsingRightsRequests(h.sg.dataSource, 'compliance', { warningDays: 7, now });
    const sent = async (): Promise<Array<Record<string, unknown>>> =>
      (await outbox('rights.request.deadline.approaching')).filter((payload) => payload.requestId === id);

    expect(await notify(new Date(Date.now() + 10 * DAY_MS))).toBe(0);
    expect(await notify(new Date(Date.now() + 24 * DAY_MS))).toBe(1);
    expect(await notify(new Date(Date.now() + 25 * DAY_MS))).toBe(0);
    expect(await sent()).toEqual([
      expect.objectContaining({ requestId: id, patientId, requesterUserId: patientUser, stage: 'WARNING' }),
    ]);

    await Promise.all([
      notify(new Date(Date.now() + 31 * DAY_MS)),
      notify(new Date(Date.now() + 31 * DAY_MS)),
    ]);
    expect((await sent()).map((payload) => payload.stage)).toEqual(['WARNING', 'OVERDUE']);

    await h.sg.graphql(EXTEND, { id, reason: 'Gathering disclosures from partners.' }, { token: adminToken });
    expect(await notify(new Date(Date.now() + 31 * DAY_MS))).toBe(0);
    expect(await notify(new Date(Date.now() + 55 * DAY_MS))).toBe(1);
    expect((await sent()).map((payload) => payload.stage)).toEqual(['WARNING', 'OVERDUE', 'WARNING']);

    await h.sg.graphql(COMPLETE, { id, resolution: 'Accounting sent.' }, { token: adminToken });
    expect(await notify(new Date(Date.now() + 90 * DAY_MS))).toBe(0);
  });
});
