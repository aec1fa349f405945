import type { DomainEvent } from '@holovitals/events';
import type { EntityManager } from 'typeorm';
import { CHALLENGE_ENTITY_TYPE, CHALLENGE_VERIFY_ACTION } from '../step-up/step-up-vocabulary';
import type { NewSecurityAlert } from './alert-raising';

type AuditEvent = DomainEvent<'audit.recorded'>;

export interface AlertThresholds {
  failedSignInsPerAddress: number;
  failedSignInsPerAccount: number;
  failedSignInsWindowSeconds: number;
  patientsReadThreshold: number;
  patientsReadWindowSeconds: number;
  failedChallengesPerUser: number;
  failedChallengesWindowSeconds: number;
}

/** Actions that change a record, so they need WRITE_RECORD rather than READ_RECORD. */
const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'import']);

/** Compliance's own entries (searches of the audit log, reports) are about the log, not health data. */
const OWN_SERVICE = 'compliance';

const isFailedSignIn = (event: AuditEvent): boolean =>
  event.payload.action === 'login' && event.payload.outcome === 'DENIED';

const touchesHealthData = (event: AuditEvent): boolean =>
  event.payload.patientIds.length > 0 && event.payload.service !== OWN_SERVICE;

function windowStart(events: AuditEvent[], seconds: number): Date {
  const latest = Math.max(...events.map((event) => Date.parse(event.occurredAt)));
  return new Date(latest - seconds * 1000);
}

function eventIdsWhere(events: AuditEvent[], match: (event: AuditEvent) => boolean): string[] {
  return events.filter(match).map((event) => event.id);
}

/** Failed sign-ins counted over the window, per client address and per account (the user id audited). */
async function failedSignInAlerts(
  manager: EntityManager,
  events: AuditEvent[],
  thresholds: AlertThresholds,
): Promise<NewSecurityAlert[]> {
  const failed = events.filter(isFailedSignIn);
  if (failed.length === 0) return [];
  const since = windowStart(failed, thresholds.failedSignInsWindowSeconds);
  const addresses = [...new Set(failed.flatMap((event) => event.payload.clientIp ?? []))];
  const accounts = [...new Set(failed.flatMap((event) => event.payload.entityIds.slice(0, 1)))];
  const byAddress: Array<{ subject: string; n: string }> = await manager.query(
    `SELECT client_ip AS subject, count(*) AS n FROM audit_log
     WHERE action = 'login' AND outcome = 'DENIED' AND client_ip = ANY($1) AND occurred_at >= $2
     GROUP BY client_ip HAVING count(*) >= $3`,
    [addresses, since, thresholds.failedSignInsPerAddress],
  );
  const byAccount: Array<{ subject: string; n: string }> = await manager.query(
    `SELECT entity_ids[1] AS subject, count(*) AS n FROM audit_log
     WHERE action = 'login' AND outcome = 'DENIED' AND entity_ids[1] = ANY($1) AND occurred_at >= $2
     GROUP BY entity_ids[1] HAVING count(*) >= $3`,
    [accounts, since, thresholds.failedSignInsPerAccount],
  );
  const minutes = Math.round(thresholds.failedSignInsWindowSeconds / 60);
  return [
    ...byAddress.map(({ subject, n }): NewSecurityAlert => ({
      kind: 'FAILED_SIGN_INS_FROM_ADDRESS',
      severity: 'HIGH',
      subject,
      actorId: null,
      patientId: null,
      details: `${n} failed sign-ins from ${subject} within ${minutes} minutes.`,
      eventIds: eventIdsWhere(failed, (event) => event.payload.clientIp === subject),
      raisedBy: null,
    })),
    ...byAccount.map(({ subject, n }): NewSecurityAlert => ({
      kind: 'FAILED_SIGN_INS_FOR_ACCOUNT',
      severity: 'HIGH',
      subject,
      actorId: subject,
      patientId: null,
      details: `${n} failed sign-ins for account ${subject} within ${minutes} minutes.`,
      eventIds: eventIdsWhere(failed, (event) => event.payload.entityIds[0] === subject),
      raisedBy: null,
    })),
  ];
}

/** One actor reading many different patients' records within the window. */
async function manyPatientsReadAlerts(
  manager: EntityManager,
  events: AuditEvent[],
  thresholds: AlertThresholds,
): Promise<NewSecurityAlert[]> {
  const reads = events.filter(
    (event) =>
      event.payload.action === 'read' &&
      event.payload.outcome === 'SUCCESS' &&
      event.payload.actorId !== null &&
      touchesHealthData(event),
  );
  if (reads.length === 0) return [];
  const actors = [...new Set(reads.map((event) => event.payload.actorId!))];
  const rows: Array<{ subject: string; n: string }> = await manager.query(
    `SELECT actor_id AS subject, count(DISTINCT patient) AS n
     FROM audit_log CROSS JOIN LATERAL unnest(patient_ids) AS patient
     WHERE action = 'read' AND outcome = 'SUCCESS' AND cardinality(patient_ids) > 0
       AND actor_id = ANY($1) AND occurred_at >= $2 AND service <> $4
     GROUP BY actor_id HAVING count(DISTINCT patient) >= $3`,
    [
      actors,
      windowStart(reads, thresholds.patientsReadWindowSeconds),
      thresholds.patientsReadThreshold,
      OWN_SERVICE,
    ],
  );
  const minutes = Math.round(thresholds.patientsReadWindowSeconds / 60);
  return rows.map(({ subject, n }) => ({
    kind: 'MANY_PATIENTS_READ',
    severity: 'HIGH',
    subject,
    actorId: subject,
    patientId: null,
    details: `${subject} read the records of ${n} different patients within ${minutes} minutes.`,
    eventIds: eventIdsWhere(reads, (event) => event.payload.actorId === subject),
    raisedBy: null,
  }));
}

/**
 * Refused accesses to a patient's data: with no active grant of the actor's for that patient it was access
 * without consent; with one, the access needed more than the grant's scopes.
 */
async function deniedAccessAlerts(manager: EntityManager, events: AuditEvent[]): Promise<NewSecurityAlert[]> {
  const denied = events.filter(
    (event) =>
      event.payload.outcome === 'DENIED' &&
      event.payload.actorId !== null &&
      event.payload.action !== 'login' &&
      touchesHealthData(event),
  );
  if (denied.length === 0) return [];
  const grants: Array<{ grantee: string; patient_id: string; scopes: string[] }> = await manager.query(
    `SELECT grantee_user_id::text AS grantee, patient_id, scopes FROM consent_grant
     WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
       AND grantee_user_id::text = ANY($1) AND patient_id = ANY($2::uuid[])`,
    [
      [...new Set(denied.map((event) => event.payload.actorId!))],
      [...new Set(denied.flatMap((event) => event.payload.patientIds))],
    ],
  );
  const scopesOf = new Map(
    grants.map((grant) => [`${grant.grantee}\u0000${grant.patient_id}`, grant.scopes]),
  );
  return denied.flatMap((event) => {
    const { actorId, action, entityType } = event.payload;
    return event.payload.patientIds.map((patientId): NewSecurityAlert => {
      const scopes = scopesOf.get(`${actorId}\u0000${patientId}`);
      const needed = WRITE_ACTIONS.has(action) ? 'WRITE_RECORD' : 'READ_RECORD';
      return scopes
        ? {
            kind: 'ACCESS_OUTSIDE_SCOPE',
            severity: 'MEDIUM',
            subject: actorId!,
            actorId,
            patientId,
            details: `${actorId} was refused ${action} on ${entityType} of patient ${patientId}: it needs ${needed}, the grant holds ${scopes.join(', ')}.`,
            eventIds: [event.id],
            raisedBy: null,
          }
        : {
            kind: 'ACCESS_WITHOUT_CONSENT',
            severity: 'HIGH',
            subject: actorId!,
            actorId,
            patientId,
            details: `${actorId} attempted ${action} on ${entityType} of patient ${patientId} without an active consent.`,
            eventIds: [event.id],
            raisedBy: null,
          };
    });
  });
}

/** Records exported by anyone but the patient they belong to. */
async function bulkExportAlerts(manager: EntityManager, events: AuditEvent[]): Promise<NewSecurityAlert[]> {
  const exports = events.filter(
    (event) =>
      event.payload.action === 'export' && event.payload.outcome === 'SUCCESS' && touchesHealthData(event),
  );
  if (exports.length === 0) return [];
  const owners: Array<{ patient_id: string; owner: string | null }> = await manager.query(
    `SELECT patient_id, owner_user_id::text AS owner FROM patient_owner WHERE patient_id = ANY($1::uuid[])`,
    [[...new Set(exports.flatMap((event) => event.payload.patientIds))]],
  );
  const ownerOf = new Map(owners.map((row) => [row.patient_id, row.owner]));
  return exports.flatMap((event) => {
    const { actorId, patientIds } = event.payload;
    const foreign = patientIds.filter((patientId) => ownerOf.get(patientId) !== actorId);
    if (foreign.length === 0) return [];
    return [
      {
        kind: 'BULK_EXPORT',
        severity: foreign.length > 1 ? 'HIGH' : 'MEDIUM',
        subject: actorId ?? `unknown:${event.id}`,
        actorId,
        patientId: foreign[0]!,
        details: `${actorId ?? 'An unknown actor'} exported the records of ${foreign.length} patient(s) they do not own.`,
        eventIds: [event.id],
        raisedBy: null,
      } satisfies NewSecurityAlert,
    ];
  });
}

/** Wrong (or replayed) identity-challenge codes from one user over the window: someone may be guessing. */
async function failedChallengeAlerts(
  manager: EntityManager,
  events: AuditEvent[],
  thresholds: AlertThresholds,
): Promise<NewSecurityAlert[]> {
  const failed = events.filter(
    (event) =>
      event.payload.entityType === CHALLENGE_ENTITY_TYPE &&
      event.payload.action === CHALLENGE_VERIFY_ACTION &&
      event.payload.outcome === 'DENIED' &&
      event.payload.actorId !== null,
  );
  if (failed.length === 0) return [];
  const rows: Array<{ subject: string; n: string }> = await manager.query(
    `SELECT actor_id AS subject, count(*) AS n FROM audit_log
     WHERE entity_type = $1 AND action = $2 AND outcome = 'DENIED' AND actor_id = ANY($3) AND occurred_at >= $4
     GROUP BY actor_id HAVING count(*) >= $5`,
    [
      CHALLENGE_ENTITY_TYPE,
      CHALLENGE_VERIFY_ACTION,
      [...new Set(failed.map((event) => event.payload.actorId!))],
      windowStart(failed, thresholds.failedChallengesWindowSeconds),
      thresholds.failedChallengesPerUser,
    ],
  );
  const minutes = Math.round(thresholds.failedChallengesWindowSeconds / 60);
  return rows.map(({ subject, n }) => ({
    kind: 'FAILED_IDENTITY_CHALLENGES',
    severity: 'HIGH',
    subject,
    actorId: subject,
    patientId: null,
    details: `${n} wrong identity-challenge codes from ${subject} within ${minutes} minutes.`,
    eventIds: eventIdsWhere(failed, (event) => event.payload.actorId === subject),
    raisedBy: null,
  }));
}

/** Administrators may read any record, and every time they do, someone should know. */
function adminPhiAlerts(events: AuditEvent[]): NewSecurityAlert[] {
  return events
    .filter(
      (event) =>
        event.payload.actorRoles.includes('ADMIN') &&
        event.payload.outcome === 'SUCCESS' &&
        event.payload.actorId !== null &&
        touchesHealthData(event),
    )
    .map((event) => ({
      kind: 'ADMIN_PHI_ACCESS',
      severity: 'LOW',
      subject: event.payload.actorId!,
      actorId: event.payload.actorId,
      patientId: event.payload.patientIds[0]!,
      details: `Administrator ${event.payload.actorId} did ${event.payload.action} on ${event.payload.entityType} of ${event.payload.patientIds.length} patient(s).`,
      eventIds: [event.id],
      raisedBy: null,
    }));
}

/**
 * Every rule over a batch of freshly appended audit events (already in audit_log, so windows count them). Each
 * rule runs at most one or two queries per batch, whatever its size.
 */
export async function evaluateAlertRules(
  manager: EntityManager,
  events: AuditEvent[],
  thresholds: AlertThresholds,
): Promise<NewSecurityAlert[]> {
  if (events.length === 0) return [];
  return [
    ...(await failedSignInAlerts(manager, events, thresholds)),
    ...(await manyPatientsReadAlerts(manager, events, thresholds)),
    ...(await deniedAccessAlerts(manager, events)),
    ...(await bulkExportAlerts(manager, events)),
    ...(await failedChallengeAlerts(manager, events, thresholds)),
    ...adminPhiAlerts(events),
  ];
}
