import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvents } from '../src/audit/audit-append';
import { auditEvent, startComplianceHarness, type ComplianceHarness } from './support/compliance-harness';

const QUERY = `query Log($first: Int!) {
  accessLog(first: $first) { seq purpose actor { email } onBehalfOf { email } }
}`;

let h: ComplianceHarness;
const owner = randomUUID();
const patientId = randomUUID();

beforeAll(async () => {
  // No relay or consumers: their polling would run statements on the same counter.
  h = await startComplianceHarness({ EVENTS_ENABLED: 'false' });
  const readers = Array.from({ length: 10 }, () => randomUUID());
  await h.sg.dataSource.query(
    `INSERT INTO verified_user (user_id, roles, email) SELECT u, '{CLINICIAN}', u || '@example.test' FROM unnest($1::uuid[]) u`,
    [[owner, ...readers]],
  );
  await h.sg.dataSource.query('INSERT INTO patient_owner (patient_id, owner_user_id) VALUES ($1, $2)', [
    patientId,
    owner,
  ]);
  const grants: Array<{ id: string }> = await h.sg.dataSource.query(
    `INSERT INTO consent_grant (patient_id, grantor_user_id, grantee_user_id, scopes, purpose)
     SELECT $1, $2, u, '{READ_RECORD,PROXY}', 'CAREGIVING' FROM unnest($3::uuid[]) u RETURNING id`,
    [patientId, owner, readers],
  );
  const events = Array.from({ length: 60 }, (_, n) =>
    auditEvent({
      actorId: readers[n % readers.length],
      patientIds: [patientId],
      consentId: grants[n % grants.length]!.id,
      onBehalfOf: owner,
    }),
  );
  await h.sg.dataSource.transaction((manager) => appendAuditEvents(manager, events));
});

afterAll(() => h.stop());

describe('SQL statements of the access log', () => {
  it('are the same for 5 and 50 entries with who, purpose and on whose behalf', async () => {
    const token = await h.token('PATIENT', owner);
    const counts: number[] = [];
    for (const first of [5, 50]) {
      const before = h.sg.queryCount();
      const response = await h.sg.graphql<{ accessLog: Array<{ purpose: string; actor: unknown }> }>(
        QUERY,
        { first },
        { token },
      );
      counts.push(h.sg.queryCount() - before);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data!.accessLog).toHaveLength(first);
      expect(
        response.body.data!.accessLog.every((entry) => entry.purpose === 'CAREGIVING' && entry.actor),
      ).toBe(true);
    }
    expect(counts[1]).toBe(counts[0]);
  });
});
