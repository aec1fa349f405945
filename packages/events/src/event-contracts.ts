import { z } from 'zod';

/**
 * What a consent grants, one scope per kind of access. Owners check the scope their data needs (the patient record
 * READ_RECORD / WRITE_RECORD, documents READ_DOCUMENTS, analyses READ_ANALYSES); PROXY lets the grantee act for
 * the patient.
 */
export const CONSENT_SCOPES = [
  'READ_RECORD',
  'WRITE_RECORD',
  'READ_DOCUMENTS',
  'READ_ANALYSES',
  'PROXY',
] as const;

export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/** Which rule raised a security alert (MANUAL: an administrator did). */
export const SECURITY_ALERT_KINDS = [
  'FAILED_SIGN_INS_FROM_ADDRESS',
  'FAILED_SIGN_INS_FOR_ACCOUNT',
  'MANY_PATIENTS_READ',
  'ACCESS_WITHOUT_CONSENT',
  'ACCESS_OUTSIDE_SCOPE',
  'BULK_EXPORT',
  'ADMIN_PHI_ACCESS',
  'FAILED_IDENTITY_CHALLENGES',
  'MANUAL',
] as const;

/**
 * Sensitive actions that need a fresh identity challenge (TOTP step-up) on top of the caller's session: an
 * administrator reading a patient's health data, and exporting a whole record by anyone but its patient.
 */
export const STEP_UP_PURPOSES = ['ADMIN_PHI_ACCESS', 'BULK_EXPORT'] as const;

export type StepUpPurpose = (typeof STEP_UP_PURPOSES)[number];

export const SECURITY_ALERT_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

/**
 * One zod schema per event type. Payloads carry ids and small facts, never whole PHI records: consumers
 * read details from the owning subgraph, so a leaked stream exposes no clinical data. Unknown keys are
 * stripped on parse, which keeps accidental extra fields out of the outbox and out of handlers.
 */
/** What one model call cost, priced by the service that made it; billing debits it once per event id. */
const modelCallCost = z.object({
  userId: z.string().uuid(),
  model: z.string().min(1),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  costCents: z.number().int().nonnegative(),
  currency: z.string().regex(/^[a-z]{3}$/),
  at: z.string().datetime({ offset: true }),
});

export const eventContracts = {
  'user.registered': z.object({
    userId: z.string().uuid(),
    email: z.string().email(),
    roles: z.array(z.string()),
  }),
  /** A user proved they hold their address (or was seeded verified): from now on they may receive consent grants. */
  'user.verified': z.object({
    userId: z.string().uuid(),
    roles: z.array(z.string()),
    /** Lower-cased; lets a patient name the person they grant access to without knowing their id. */
    email: z.string().email(),
    displayName: z.string().nullable(),
  }),
  'patient.created': z.object({ patientId: z.string().uuid(), ownerUserId: z.string().uuid().nullable() }),
  'patient.updated': z.object({ patientId: z.string().uuid(), changed: z.array(z.string()) }),
  /**
   * ehr fetched a connection's changes into the blob store (`bundleRef`: NDJSON, one FHIR resource a line). ehr
   * knows the user, not the record: patient applies it to `ownerUserId`'s record, `sourceSystem` (the provider's
   * FHIR base URL) becoming part of each resource's identity.
   */
  'ehr.sync.completed': z.object({
    connectionId: z.string().uuid(),
    syncRunId: z.string().uuid(),
    ownerUserId: z.string().uuid(),
    sourceSystem: z.string().url(),
    /** The patient's id at the provider (the SMART launch context): the bundle's Patient is the owner's record. */
    sourcePatientId: z.string().min(1).optional(),
    bundleRef: z.string(),
    resourceCount: z.number().int(),
  }),
  /** patient's answer to ehr.sync.completed: what applying it did, per FHIR resource type. */
  'ehr.sync.applied': z.object({
    connectionId: z.string().uuid(),
    syncRunId: z.string().uuid(),
    patientId: z.string().uuid(),
    counts: z.record(
      z.string(),
      z.object({
        created: z.number().int(),
        updated: z.number().int(),
        unchanged: z.number().int(),
        conflicts: z.number().int(),
      }),
    ),
    errors: z.array(z.string()),
  }),
  'analysis.requested': z.object({
    taskId: z.string().uuid(),
    patientId: z.string().uuid(),
    requestedBy: z.string().uuid(),
    kind: z.string(),
  }),
  'analysis.completed': z.object({
    taskId: z.string().uuid(),
    patientId: z.string().uuid(),
    status: z.enum(['COMPLETED', 'FAILED']),
  }),
  /**
   * What one model call cost (the model's tokens priced by analysis), for an analysis task or a chat turn
   * (`taskId` is then the answer's interaction id). Billing debits it from the user's credits, once per event
   * id; `costCents` is a whole number of the smallest currency unit (credits, see credit-units).
   */
  'analysis.cost.recorded': modelCallCost.extend({
    kind: z.enum(['ANALYSIS', 'CHAT']),
    taskId: z.string().uuid(),
  }),
  'document.uploaded': z.object({
    documentId: z.string().uuid(),
    patientId: z.string().uuid(),
    contentType: z.string(),
  }),
  'document.processed': z.object({
    documentId: z.string().uuid(),
    patientId: z.string().uuid(),
    bundleRef: z.string(),
    resourceCount: z.number().int(),
  }),
  /**
   * What the language model cost while extracting one document (the same pricing as analysis). Billing debits it
   * from the credits of the user who uploaded the document, once per event id, beside analysis costs.
   */
  'document.cost.recorded': modelCallCost.extend({ documentId: z.string().uuid() }),
  'audit.recorded': z.object({
    actorId: z.string().nullable(),
    actorRoles: z.array(z.string()),
    action: z.string(),
    entityType: z.string(),
    entityIds: z.array(z.string()),
    /** Every patient whose data the access touched (or was refused); empty when none is known. */
    patientIds: z.array(z.string().uuid()),
    outcome: z.enum(['SUCCESS', 'DENIED', 'FAILURE']),
    traceId: z.string().nullable(),
    clientIp: z.string().nullable(),
    service: z.string(),
    /** The patient's user when the actor acted for them under a PROXY grant; null otherwise. */
    onBehalfOf: z.string().uuid().nullable().default(null),
    /** The consent grant the access relied on; null for the owner, an admin or a system actor. */
    consentId: z.string().uuid().nullable().default(null),
  }),
  'consent.granted': z.object({
    consentId: z.string().uuid(),
    patientId: z.string().uuid(),
    /** Any role may hold a grant (clinician, partner, a relative with a patient account…). */
    granteeUserId: z.string().uuid(),
    scopes: z.array(z.enum(CONSENT_SCOPES)).min(1),
    /** When the grant stops working; owners check it at read time, so no revocation event is needed. */
    expiresAt: z.string().datetime({ offset: true }).nullable(),
  }),
  'consent.revoked': z.object({
    consentId: z.string().uuid(),
    patientId: z.string().uuid(),
    granteeUserId: z.string().uuid(),
  }),
  /**
   * A patient rights request is due within the configured warning window (stage WARNING) or is past due
   * (stage OVERDUE); sent once per request, stage and due date (an extension restarts the stages).
   */
  'rights.request.deadline.approaching': z.object({
    requestId: z.string().uuid(),
    patientId: z.string().uuid().nullable(),
    requesterUserId: z.string().uuid(),
    kind: z.string(),
    stage: z.enum(['WARNING', 'OVERDUE']),
    dueAt: z.string().datetime({ offset: true }),
  }),
  /**
   * A user's plan, subscription state or credits changed (checkout, renewal, failed payment, grace ended,
   * cancellation, refund, a debit). Subgraphs that gate features cache the latest per user; `credits` is the
   * remaining analysis credit in cents, the ledger's sum.
   */
  'billing.entitlements.changed': z.object({
    userId: z.string().uuid(),
    /** The plan id from billing's catalog (FREE, PLUS, …). */
    plan: z.string().min(1),
    status: z.enum(['ACTIVE', 'PAST_DUE', 'LOCKED', 'CANCELED']),
    features: z.array(z.string()),
    credits: z.number().int().nonnegative(),
  }),
  /**
   * A user answered an identity challenge (TOTP) for `purpose`: owners of the data that purpose guards let them
   * through until `validUntil`, judged at read time.
   */
  'identity.challenge.verified': z.object({
    challengeId: z.string().uuid(),
    userId: z.string().uuid(),
    purpose: z.enum(STEP_UP_PURPOSES),
    validUntil: z.string().datetime({ offset: true }),
  }),
  /** Compliance raised a security alert (a rule during audit ingestion, or an administrator by hand). */
  'security.alert.raised': z.object({
    alertId: z.string().uuid(),
    kind: z.enum(SECURITY_ALERT_KINDS),
    severity: z.enum(SECURITY_ALERT_SEVERITIES),
    /** Whose actions raised it: a user id or a system actor; null when unknown (e.g. an unknown account). */
    actorId: z.string().nullable(),
    patientId: z.string().uuid().nullable(),
  }),
  /**
   * An unexpected failure inside a service (a resolver error masked to the client, a failed job), reported by the
   * service it happened in and signed by it. Message and stack are scrubbed of PHI before they leave the process;
   * monitoring scrubs them again and groups them by fingerprint.
   */
  'error.reported': z.object({
    /** Where it happened: a GraphQL resolver, a queue job, or the gateway itself (not a subgraph's error passed on). */
    origin: z.enum(['RESOLVER', 'JOB', 'GATEWAY']),
    errorName: z.string().max(200),
    message: z.string().max(2_000),
    stack: z.string().max(16_000).nullable(),
    /** The operation (bounded metrics label) or the queue name. */
    operation: z.string().max(200).nullable(),
    /** The resolver path, e.g. `patient.observations`. */
    path: z.string().max(500).nullable(),
  }),
} as const;

export type EventType = keyof typeof eventContracts;

export type EventPayload<T extends EventType> = z.infer<(typeof eventContracts)[T]>;

/** What a producer passes: fields with a default (added to a contract later) may be left out. */
export type EventPayloadInput<T extends EventType> = z.input<(typeof eventContracts)[T]>;

export interface DomainEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  source: string;
  occurredAt: string;
  traceId: string | null;
  /** The producer's W3C `traceparent` when it ran in a traced request or job (absent from older producers). */
  traceparent?: string | null;
  payload: EventPayload<T>;
}

/** Thrown when a payload does not match its event type's contract, or the type is not a known event. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';

  constructor(
    message: string,
    readonly eventType: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const eventTypes = Object.keys(eventContracts) as EventType[];

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(eventContracts, value);
}

/** Validates `payload` against the contract of `type` and returns the parsed (unknown keys stripped) payload. */
export function parseEventPayload<T extends EventType>(type: T, payload: unknown): EventPayload<T> {
  if (!isEventType(type)) {
    throw new InvalidEventError(`Unknown event type "${String(type)}"`, String(type));
  }
  const contract: z.ZodType = eventContracts[type];
  const result = contract.safeParse(payload);
  if (!result.success) {
    throw new InvalidEventError(`Invalid ${type} payload: ${z.prettifyError(result.error)}`, type, {
      cause: result.error,
    });
  }
  // The contract looked up by `type` is the one that defines EventPayload<T>; TS cannot correlate the two.
  return result.data as EventPayload<T>;
}
