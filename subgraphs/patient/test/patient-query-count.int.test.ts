import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPatientHarness, type PatientHarness } from './support/patient-harness';

const QUERY = `query Patients($first: Int!) {
  patients(first: $first) {
    nodes {
      id
      conditions { nodes { id code } }
      observations(first: 5) { nodes { id code value components { code value } } }
    }
  }
}`;

type Result = {
  patients: { nodes: { id: string; conditions: { nodes: unknown[] }; observations: { nodes: unknown[] } }[] };
};

let h: PatientHarness;

beforeAll(async () => {
  // No outbox relay or consumers: their polling would run statements on the same counter.
  h = await startPatientHarness({ EVENTS_ENABLED: 'false' });
  await h.sg.dataSource.query(`
    WITH p AS (INSERT INTO patient (family_name) SELECT 'Patient ' || n FROM generate_series(1, 120) n RETURNING id)
    , c AS (INSERT INTO condition (patient_id, code, display, onset_at)
            SELECT p.id, '4464' || k, 'Condition ' || k, now() - k * interval '1 day' FROM p, generate_series(1, 3) k)
    INSERT INTO observation (patient_id, status, category, code_system, code, display, value, unit, effective_at)
    SELECT p.id, 'final', 'vital-signs', 'http://loinc.org', '8867-4', 'Heart rate', 60 + k, '/min',
           now() - k * interval '1 hour'
      FROM p, generate_series(1, 8) k`);
});

afterAll(() => h.stop());

describe('SQL statements per operation', () => {
  it('are the same for 10 and 100 patients with their conditions and observations', async () => {
    const admin = await h.user('ADMIN');
    await h.stepUp(admin.id, 'ADMIN_PHI_ACCESS');
    const counts: number[] = [];
    for (const first of [10, 100]) {
      const before = h.sg.queryCount();
      const result = await h.sg.graphql<Result>(QUERY, { first }, { token: admin.token });
      counts.push(h.sg.queryCount() - before);
      expect(result.body.errors).toBeUndefined();
      const nodes = result.body.data!.patients.nodes;
      expect(nodes).toHaveLength(first);
      expect(nodes.every((n) => n.conditions.nodes.length === 3 && n.observations.nodes.length === 5)).toBe(
        true,
      );
    }
    expect(counts[1]).toBe(counts[0]);
    expect(counts[0]).toBeLessThan(20);
  });
});
