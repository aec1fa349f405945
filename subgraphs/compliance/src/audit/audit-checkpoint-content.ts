/** What a checkpoint's signature covers. */
export interface CheckpointContent {
  id: number;
  upToSeq: number;
  headHash: string;
  rowCount: number;
  createdAt: Date;
  keyId: string;
}

/** What a purge manifest's signature covers: the horizon, the hash the kept chain starts from, the rows kept below it. */
export interface PurgeManifestContent {
  id: number;
  horizon: Date;
  throughSeq: number;
  boundaryHash: string;
  retained: RetainedEntry[];
  deletedCount: number;
  alertsArchived: number;
  checkpointId: number;
  createdAt: Date;
  keyId: string;
}

/** An entry below the purge horizon kept under legal hold, with the hash it had when the purge was signed. */
export interface RetainedEntry {
  seq: number;
  eventId: string;
  hash: string;
}

/** Fixed-order JSON, tagged with the kind so a checkpoint signature can never pass as a manifest's. */
export function canonicalCheckpoint(c: CheckpointContent): string {
  return JSON.stringify([
    'audit-checkpoint/1',
    c.id,
    c.upToSeq,
    c.headHash,
    c.rowCount,
    c.createdAt.toISOString(),
    c.keyId,
  ]);
}

export function canonicalPurgeManifest(m: PurgeManifestContent): string {
  return JSON.stringify([
    'audit-purge-manifest/1',
    m.id,
    m.horizon.toISOString(),
    m.throughSeq,
    m.boundaryHash,
    m.retained.map((entry) => [entry.seq, entry.eventId, entry.hash]),
    m.deletedCount,
    m.alertsArchived,
    m.checkpointId,
    m.createdAt.toISOString(),
    m.keyId,
  ]);
}
