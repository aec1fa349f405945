import { type EventType } from './event-contracts';

/** Marks an event type any service may publish under its own name (each service audits its own reads). */
export const ANY_SERVICE = '*';

/**
 * The one service allowed to publish each event type. Consumers drop an event whose signed `source` is not
 * the owner, so a service (or anyone holding its key) cannot speak for another domain: only compliance
 * grants consent, only identity registers users. A new event type does not compile until it has an owner.
 */
export const eventOwners: Record<EventType, string> = {
  'user.registered': 'identity',
  'user.verified': 'identity',
  'patient.created': 'patient',
  'patient.updated': 'patient',
  'ehr.sync.completed': 'ehr',
  'ehr.sync.applied': 'patient',
  'analysis.requested': 'analysis',
  'analysis.completed': 'analysis',
  'analysis.cost.recorded': 'analysis',
  'document.uploaded': 'documents',
  'document.processed': 'documents',
  'document.cost.recorded': 'documents',
  'audit.recorded': ANY_SERVICE,
  'consent.granted': 'compliance',
  'consent.revoked': 'compliance',
  'rights.request.deadline.approaching': 'compliance',
  'security.alert.raised': 'compliance',
  'identity.challenge.verified': 'compliance',
  'billing.entitlements.changed': 'billing',
  // Every service reports its own failures, signed under its own name (monitoring takes the service from `source`).
  'error.reported': ANY_SERVICE,
};

export function mayPublish(service: string, type: EventType): boolean {
  const owner = eventOwners[type];
  return owner === ANY_SERVICE || owner === service;
}

/** Thrown when a service enqueues an event type another service owns. */
export class EventOwnershipError extends Error {
  override readonly name = 'EventOwnershipError';

  constructor(
    readonly service: string,
    readonly eventType: EventType,
  ) {
    super(`${service} may not publish ${eventType}: its owner is ${eventOwners[eventType]}`);
  }
}
