import { consentProjectionHandlers } from '@holovitals/consent-projection';
import type { ConsentScope, DomainEvent, StepUpPurpose } from '@holovitals/events';
import { startTestIssuer, startTestSubgraph, type TestIssuer, type TestSubgraph } from '@holovitals/testing';
import { randomUUID } from 'node:crypto';
import { stepUpProjectionHandlers } from '../../src/access/step-up';
import { patientSubgraph } from '../../src/subgraph';

export interface TestUser {
  id: string;
  token: string;
}

export interface PatientHarness {
  sg: TestSubgraph;
  user(role: 'PATIENT' | 'CLINICIAN' | 'ADMIN' | 'PARTNER'): Promise<TestUser>;
  /** Feeds a consent event to the subgraph's own handler, as the consumer would after reading the stream. */
  grantConsent(
    patientId: string,
    granteeUserId: string,
    scopes?: ConsentScope[],
    expiresAt?: Date | null,
  ): Promise<string>;
  revokeConsent(consentId: string, patientId: string, granteeUserId: string): Promise<void>;
  /** Feeds identity.challenge.verified to the subgraph's own handler: the user stepped up until `validUntil`. */
  stepUp(userId: string, purpose: StepUpPurpose, validUntil?: Date): Promise<void>;
  /** audit.recorded payloads written to the outbox so far. */
  audits(): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

function event<T extends DomainEvent['type']>(type: T, payload: DomainEvent<T>['payload']): DomainEvent<T> {
  return {
    id: randomUUID(),
    type,
    source: 'compliance',
    occurredAt: new Date().toISOString(),
    traceId: null,
    payload,
  };
}

/** The patient subgraph on its own database with a local token issuer. */
export async function startPatientHarness(env: Record<string, string> = {}): Promise<PatientHarness> {
  const issuer: TestIssuer = await startTestIssuer();
  const sg = await startTestSubgraph(patientSubgraph, { issuer, env: { LOG_LEVEL: 'error', ...env } });
  const handlers = consentProjectionHandlers('patient');
  return {
    sg,
    user: async (role) => {
      const id = randomUUID();
      return {
        id,
        token: await issuer.token({ sub: id, roles: [role], sid: randomUUID(), emailVerified: true }),
      };
    },
    grantConsent: async (patientId, granteeUserId, scopes = ['READ_RECORD'], expiresAt = null) => {
      const consentId = randomUUID();
      await sg.dataSource.transaction((manager) =>
        handlers['consent.granted']!(
          event('consent.granted', {
            consentId,
            patientId,
            granteeUserId,
            scopes,
            expiresAt: expiresAt?.toISOString() ?? null,
          }),
          manager,
        ),
      );
      return consentId;
    },
    revokeConsent: async (consentId, patientId, granteeUserId) => {
      await sg.dataSource.transaction((manager) =>
        handlers['consent.revoked']!(
          event('consent.revoked', { consentId, patientId, granteeUserId }),
          manager,
        ),
      );
    },
    stepUp: async (userId, purpose, validUntil = new Date(Date.now() + 10 * 60_000)) => {
      await sg.dataSource.transaction((manager) =>
        stepUpProjectionHandlers['identity.challenge.verified']!(
          event('identity.challenge.verified', {
            challengeId: randomUUID(),
            userId,
            purpose,
            validUntil: validUntil.toISOString(),
          }),
          manager,
        ),
      );
    },
    audits: async () =>
      (
        (await sg.dataSource.query(
          `SELECT payload FROM event_outbox WHERE type = 'audit.recorded' ORDER BY occurred_at`,
        )) as { payload: Record<string, unknown> }[]
      ).map((row) => row.payload),
    stop: async () => {
      await sg.stop();
      await issuer.stop();
    },
  };
}
