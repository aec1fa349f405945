import { enqueueEvent } from '@holovitals/events';
import type { RequestContext } from '@holovitals/subgraph-kit';
import type { EntityManager } from 'typeorm';

/** Who publishes: a request's context, or a system actor handling an event. */
type Publisher = Pick<RequestContext, 'service' | 'traceId'> | { service: string; traceId: string | null };

/** patient.updated in the caller's transaction, naming what changed (record kinds or `demographics`). */
export async function emitPatientUpdated(
  manager: EntityManager,
  ctx: Publisher,
  patientId: string,
  changed: string[],
): Promise<void> {
  if (changed.length === 0) return;
  await enqueueEvent(
    manager,
    ctx.service,
    'patient.updated',
    { patientId, changed },
    { traceId: ctx.traceId },
  );
}

/** patient.created in the caller's transaction. */
export async function emitPatientCreated(
  manager: EntityManager,
  ctx: Publisher,
  patientId: string,
  ownerUserId: string | null,
): Promise<void> {
  await enqueueEvent(
    manager,
    ctx.service,
    'patient.created',
    { patientId, ownerUserId },
    { traceId: ctx.traceId },
  );
}
