import type { ConsentScope, DomainEvent } from '@holovitals/events';
import { Role } from '@holovitals/subgraph-kit';
import { publishTestEvent } from '@holovitals/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisTaskStatus } from '../src/entities/analysis-enums';
import {
  type AnalysisHarness,
  eventually,
  newUser,
  PATIENT_ID,
  startAnalysisHarness,
} from './support/analysis-harness';

const TASK = `query T($id: ID!) { analysisTask(id: $id) { id status result { analyzer sections { kind statements { text } } } } }`;
const PATIENT_TASKS = `query L($p: ID!) { analysisTasks(first: 10, patientId: $p) { nodes { id } } }`;
const CANCEL = `mutation C($id: ID!) { cancelAnalysisTask(id: $id) { id } }`;

function event<T extends DomainEvent['type']>(
  type: T,
  source: string,
  payload: DomainEvent<T>['payload'],
): DomainEvent<T> {
  return { id: randomUUID(), type, source, occurredAt: new Date().toISOString(), traceId: null, payload };
}

describe('READ_ANALYSES consent (projection from events, checked at each read)', () => {
  let h: AnalysisHarness;
  const owner = newUser();
  const clinician = newUser();
  let taskId: string;

  const projected = (sql: string, params: unknown[]) =>
    eventually(
      () => h.sg.dataSource.query(sql, params) as Promise<unknown[]>,
      (rows) => rows.length === 1,
    );

  const grant = async (grantee: string, scopes: ConsentScope[]): Promise<string> => {
    const consentId = randomUUID();
    await publishTestEvent(
      h.sg,
      event('consent.granted', 'compliance', {
        consentId,
        patientId: PATIENT_ID,
        granteeUserId: grantee,
        scopes,
        expiresAt: null,
      }),
    );
    await projected(`SELECT 1 FROM consent_projection WHERE consent_id = $1`, [consentId]);
    return consentId;
  };

  const gql = async (role: Role, user: string, query: string, variables: Record<string, unknown>) =>
    (await h.sg.graphql<Record<string, unknown>>(query, variables, { token: await h.token(role, user) }))
      .body;
  const code = (body: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
    body.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    h = await startAnalysisHarness();
    await publishTestEvent(
      h.sg,
      event('patient.created', 'patient', { patientId: PATIENT_ID, ownerUserId: owner }),
    );
    await projected(`SELECT 1 FROM patient_owner WHERE patient_id = $1`, [PATIENT_ID]);
    const task = await h.queueTask(clinician);
    taskId = task.id;
    const worker = await h.startWorker();
    await eventually(
      () => h.task(taskId),
      (row) => row.status === AnalysisTaskStatus.SUCCEEDED,
    );
    await worker.stop();
  }, 90_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('lets the patient read an analysis someone else requested about them, result included', async () => {
    const body = await gql(Role.PATIENT, owner, TASK, { id: taskId });
    expect(body.errors).toBeUndefined();
    expect(body.data).toMatchObject({
      analysisTask: { id: taskId, status: 'SUCCEEDED', result: { analyzer: 'RULES' } },
    });
    const list = await gql(Role.PATIENT, owner, PATIENT_TASKS, { p: PATIENT_ID });
    expect(list.data).toEqual({ analysisTasks: { nodes: [{ id: taskId }] } });
  });

  it('refuses another user, and a grantee whose grant lacks READ_ANALYSES, with the refusal audited', async () => {
    const stranger = newUser();
    await grant(stranger, ['READ_DOCUMENTS', 'READ_RECORD']);
    expect(code(await gql(Role.CLINICIAN, stranger, TASK, { id: taskId }))).toBe('NOT_FOUND');
    expect(code(await gql(Role.CLINICIAN, stranger, PATIENT_TASKS, { p: PATIENT_ID }))).toBe('FORBIDDEN');
    const denied = (await h.sg.dataSource.query(
      `SELECT payload FROM event_outbox WHERE type = 'audit.recorded' AND payload->>'actorId' = $1`,
      [stranger],
    )) as { payload: { outcome: string } }[];
    expect(denied.map((row) => row.payload.outcome)).toEqual(['DENIED', 'DENIED']);
  });

  it('lets a READ_ANALYSES grantee read tasks and results but not cancel; revocation stops the next read', async () => {
    const grantee = newUser();
    const consentId = await grant(grantee, ['READ_ANALYSES']);
    const read = await gql(Role.CLINICIAN, grantee, TASK, { id: taskId });
    expect(read.errors).toBeUndefined();
    const sections = (read.data as { analysisTask: { result: { sections: unknown[] } } }).analysisTask.result
      .sections;
    expect(sections.length).toBeGreaterThan(0);
    expect((await gql(Role.CLINICIAN, grantee, PATIENT_TASKS, { p: PATIENT_ID })).data).toEqual({
      analysisTasks: { nodes: [{ id: taskId }] },
    });
    expect(code(await gql(Role.CLINICIAN, grantee, CANCEL, { id: taskId }))).toBe('FORBIDDEN');

    await publishTestEvent(
      h.sg,
      event('consent.revoked', 'compliance', { consentId, patientId: PATIENT_ID, granteeUserId: grantee }),
    );
    await projected(`SELECT 1 FROM consent_projection WHERE consent_id = $1 AND revoked_at IS NOT NULL`, [
      consentId,
    ]);
    expect(code(await gql(Role.CLINICIAN, grantee, TASK, { id: taskId }))).toBe('NOT_FOUND');
    expect(code(await gql(Role.CLINICIAN, grantee, PATIENT_TASKS, { p: PATIENT_ID }))).toBe('FORBIDDEN');
  });
});
