import { createChangePublisher, type ChangeKind, type ChangePublisher } from '@holovitals/live-changes';
import type { RequestContext } from '@holovitals/subgraph-kit';
import type { Redis } from 'ioredis';

/** The subscription field a patient's record changes are published for (see patient-record-change.resolver). */
export const PATIENT_RECORD_CHANGED = 'patientRecordChanged';

const publishers = new WeakMap<Redis, ChangePublisher>();

/**
 * Tells subscribers of `patientRecordChanged(patientId)` that the record changed, after the write committed.
 * The message names the patient and the record kinds only; a failed publish is logged and never fails the write.
 */
export async function publishPatientRecordChange(
  ctx: RequestContext,
  patientId: string,
  changed: string[],
  kind: ChangeKind = 'UPDATED',
): Promise<void> {
  if (changed.length === 0) return;
  let publisher = publishers.get(ctx.redis);
  if (publisher === undefined) {
    publisher = createChangePublisher(ctx.redis);
    publishers.set(ctx.redis, publisher);
  }
  try {
    await publisher.publish(
      PATIENT_RECORD_CHANGED,
      { patientId },
      { typename: 'Patient', id: patientId, kind, changed },
    );
  } catch (err) {
    ctx.logger.warn({ err, patientId }, 'record change not published');
  }
}
