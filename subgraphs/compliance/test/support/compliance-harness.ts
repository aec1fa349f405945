import type { DomainEvent } from '@holovitals/events';
import { startTestIssuer, startTestSubgraph, type TestIssuer, type TestSubgraph } from '@holovitals/testing';
import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { checkpointPublicKey } from '../../src/audit/checkpoint-signing';
import { complianceSubgraph } from '../../src/subgraph';

export interface ComplianceHarness {
  sg: TestSubgraph;
  token(role: 'PATIENT' | 'CLINICIAN' | 'ADMIN', id?: string): Promise<string>;
  /** The audit checkpoint signing key whose public half the subgraph trusts. */
  checkpointKey: KeyObject;
  stop(): Promise<void>;
}

export async function startComplianceHarness(env: Record<string, string> = {}): Promise<ComplianceHarness> {
  const issuer: TestIssuer = await startTestIssuer();
  const checkpointKey = generateKeyPairSync('ed25519').privateKey;
  const sg = await startTestSubgraph(complianceSubgraph, {
    issuer,
    env: {
      LOG_LEVEL: 'error',
      AUDIT_CHECKPOINT_PUBLIC_KEYS: checkpointPublicKey(checkpointKey),
      KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex'),
      ...env,
    },
  });
  return {
    sg,
    checkpointKey,
    token: (role, id = randomUUID()) =>
      issuer.token({ sub: id, roles: [role], sid: randomUUID(), emailVerified: true }),
    stop: () => sg.stop(),
  };
}

/** An audit.recorded as the patient subgraph would publish it for a clinician's read. */
export function auditEvent(
  overrides: Partial<DomainEvent<'audit.recorded'>['payload']> = {},
): DomainEvent<'audit.recorded'> {
  return {
    id: randomUUID(),
    type: 'audit.recorded',
    source: 'patient',
    occurredAt: new Date().toISOString(),
    traceId: null,
    payload: {
      actorId: randomUUID(),
      actorRoles: ['CLINICIAN'],
      action: 'read',
      entityType: 'Patient',
      entityIds: [randomUUID()],
      patientIds: [randomUUID()],
      outcome: 'SUCCESS',
      traceId: null,
      clientIp: '127.0.0.1',
      service: 'patient',
      onBehalfOf: null,
      consentId: null,
      ...overrides,
    },
  };
}

export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  tries = 400,
): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < tries && !done(value); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}
