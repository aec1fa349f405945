import type { DomainEvent } from '@holovitals/events';

/**
 * Who an audit event names: a request's context satisfies this as is; work that no request started (an
 * event handler, a queue job) uses a system actor instead, so it is audited too.
 */
export interface AuditActor {
  service: string;
  principal: { id: string; roles: string[] } | null;
  traceId: string | null;
  clientIp: string | null;
}

/** The role a system actor is audited with; no token ever carries it. */
export const SYSTEM_ROLE = 'SYSTEM';

/**
 * `system:<service>:event:<event id>`: the audit trail says which service acted and which event made it
 * act, and the event's trace id ties the entry to the request that published the event.
 */
export function eventSystemActor(service: string, event: Pick<DomainEvent, 'id' | 'traceId'>): AuditActor {
  return {
    service,
    principal: { id: `system:${service}:event:${event.id}`, roles: [SYSTEM_ROLE] },
    traceId: event.traceId,
    clientIp: null,
  };
}

/** `system:<service>:job:<queue>/<job id>`, for queue workers. */
export function jobSystemActor(
  service: string,
  job: { queue: string; id: string; traceId?: string | null },
): AuditActor {
  return {
    service,
    principal: { id: `system:${service}:job:${job.queue}/${job.id}`, roles: [SYSTEM_ROLE] },
    traceId: job.traceId ?? null,
    clientIp: null,
  };
}
