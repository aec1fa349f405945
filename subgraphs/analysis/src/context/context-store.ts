import type { EnvelopeCipher } from '@holovitals/encryption';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ContextEntryEntity, ContextEntryKind } from '../entities/context-entry.entity';
import { type PatientRecord, patientRecordSchema } from '../record/patient-record';

/** Associated data: a snapshot copied into another row does not decrypt there. */
const aad = (id: string): string => `analysis.context_entry:${id}`;

const recordCount = (record: PatientRecord): number =>
  record.observations.length +
  record.immunizations.length +
  record.procedures.length +
  record.conditions.length +
  record.medications.length;

/** Seals the snapshot and stores it with its expiry, in the caller's transaction. */
export async function storeTaskSnapshot(
  manager: EntityManager,
  cipher: EnvelopeCipher,
  record: PatientRecord,
  ownerUserId: string,
  ttlSeconds: number,
): Promise<ContextEntryEntity> {
  const id = randomUUID();
  return manager.getRepository(ContextEntryEntity).save({
    id,
    patientId: record.patientId,
    ownerUserId,
    kind: ContextEntryKind.TASK_SNAPSHOT,
    ciphertext: cipher.encrypt(JSON.stringify(record), aad(id)),
    recordCount: recordCount(record),
    expiresAt: new Date(Date.now() + ttlSeconds * 1000),
  });
}

/** The snapshot, or null when it expired (or was swept). A tampered or foreign ciphertext throws. */
export async function readTaskSnapshot(
  manager: EntityManager,
  cipher: EnvelopeCipher,
  id: string,
  now: Date = new Date(),
): Promise<PatientRecord | null> {
  const entry = await manager
    .getRepository(ContextEntryEntity)
    .findOneBy({ id, kind: ContextEntryKind.TASK_SNAPSHOT });
  if (!entry || entry.expiresAt <= now) return null;
  const plain = cipher.decrypt(entry.ciphertext, aad(id)).toString('utf8');
  return patientRecordSchema.parse(JSON.parse(plain));
}
