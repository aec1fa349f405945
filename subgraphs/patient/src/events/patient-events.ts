import { enqueueEvent } from '@holovitals/events';
import type { RequestContext } from '@holovitals/subgraph-kit';
import type { EntityManager } from 'typeorm';

/** patient.updated in the caller's transaction, naming what changed (record kinds or `demographics`). */
export async function emitPatientUpdated(
  manager: EntityManager,
  ctx: RequestContext,
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
  ctx: RequestContext,
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
