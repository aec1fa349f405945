import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type EventType,
  InvalidEventError,
  eventTypes,
  isEventType,
  parseEventPayload,
} from './event-contracts';

describe('parseEventPayload', () => {
  it('accepts a payload that matches its contract', () => {
    const payload = {
      consentId: randomUUID(),
      patientId: randomUUID(),
      granteeUserId: randomUUID(),
      scopes: ['READ_RECORD'],
      expiresAt: '2027-01-01T00:00:00Z',
    };
    expect(parseEventPayload('consent.granted', payload)).toEqual(payload);
  });

  it('strips keys the contract does not define, so extra record fields never reach the outbox', () => {
    const patientId = randomUUID();
    const parsed = parseEventPayload('patient.updated', {
      patientId,
      changed: ['name'],
      name: 'Jane Doe',
    } as never);
    expect(parsed).toEqual({ patientId, changed: ['name'] });
  });

  it.each<[EventType, unknown, string]>([
    ['patient.created', { patientId: 'patient-1', ownerUserId: null }, 'patientId'],
    ['patient.created', { patientId: randomUUID() }, 'ownerUserId'],
    ['user.registered', { userId: randomUUID(), email: 'not-an-email', roles: [] }, 'email'],
    ['user.verified', { userId: 'user-1', roles: [], email: 'a@b.test', displayName: null }, 'userId'],
    ['user.verified', { userId: randomUUID(), roles: [], displayName: null }, 'email'],
    ['analysis.completed', { taskId: randomUUID(), patientId: randomUUID(), status: 'DONE' }, 'status'],
    [
      'analysis.cost.recorded',
      {
        kind: 'ANALYSIS',
        taskId: randomUUID(),
        userId: randomUUID(),
        model: 'gpt-4o-mini',
        inputTokens: 100,
        outputTokens: 20,
        costCents: 1.5,
        currency: 'usd',
        at: '2026-12-01T10:00:00Z',
      },
      'costCents',
    ],
    [
      'billing.entitlements.changed',
      { userId: randomUUID(), plan: 'PLUS', status: 'ACTIVE', features: [], credits: -1 },
      'credits',
    ],
    [
      'ehr.sync.completed',
      {
        connectionId: randomUUID(),
        syncRunId: randomUUID(),
        ownerUserId: randomUUID(),
        sourceSystem: 'https://fhir.example.org/r4',
        bundleRef: 'b',
        resourceCount: 1.5,
      },
      'resourceCount',
    ],
    [
      'consent.granted',
      {
        consentId: randomUUID(),
        patientId: randomUUID(),
        granteeUserId: randomUUID(),
        scopes: [],
        expiresAt: 'next week',
      },
      'expiresAt',
    ],
    [
      'identity.challenge.verified',
      {
        challengeId: randomUUID(),
        userId: randomUUID(),
        purpose: 'READ_EVERYTHING',
        validUntil: '2027-01-01T00:00:00Z',
      },
      'purpose',
    ],
  ])('rejects an invalid %s payload, naming the offending field', (type, payload, field) => {
    expect(() => parseEventPayload(type, payload as never)).toThrow(InvalidEventError);
    expect(() => parseEventPayload(type, payload as never)).toThrow(field);
  });

  it('reads an audit.recorded without delegation fields (sent before they existed) as acting for nobody', () => {
    const parsed = parseEventPayload('audit.recorded', {
      actorId: null,
      actorRoles: [],
      action: 'read',
      entityType: 'Patient',
      entityIds: [],
      patientIds: [],
      outcome: 'SUCCESS',
      traceId: null,
      clientIp: null,
      service: 'patient',
    } as never);
    expect(parsed).toMatchObject({ onBehalfOf: null, consentId: null });
  });

  it('rejects an unknown event type', () => {
    expect(() => parseEventPayload('patient.deleted' as EventType, {} as never)).toThrow(
      'Unknown event type "patient.deleted"',
    );
  });
});

describe('isEventType', () => {
  it('recognises every contract and nothing else', () => {
    expect(eventTypes.every(isEventType)).toBe(true);
    expect(eventTypes).toHaveLength(20);
    expect(isEventType('security.alert')).toBe(false);
    expect(isEventType('toString')).toBe(false);
  });
});
