import type { EntityManager } from 'typeorm';
import type { CheckpointContent, PurgeManifestContent, RetainedEntry } from './audit-checkpoint-content';

interface CheckpointRow {
  id: string;
  up_to_seq: string;
  head_hash: string;
  row_count: string;
  created_at: Date;
  key_id: string;
  signature: string;
}

interface ManifestRow {
  id: string;
  horizon: Date;
  through_seq: string;
  boundary_hash: string;
  retained: RetainedEntry[];
  deleted_count: string;
  alerts_archived: string;
  checkpoint_id: string;
  created_at: Date;
  key_id: string;
  signature: string;
}

export interface StoredCheckpoint extends CheckpointContent {
  signature: string;
}

export interface StoredPurgeManifest extends PurgeManifestContent {
  signature: string;
}

/** Every checkpoint, oldest first. One row per signing run, so the list stays small (one a day is 2,600 in 7 years). */
export async function loadCheckpoints(manager: EntityManager): Promise<StoredCheckpoint[]> {
  const rows: CheckpointRow[] = await manager.query('SELECT * FROM audit_checkpoint ORDER BY id');
  return rows.map((row) => ({
    id: Number(row.id),
    upToSeq: Number(row.up_to_seq),
    headHash: row.head_hash,
    rowCount: Number(row.row_count),
    createdAt: new Date(row.created_at),
    keyId: row.key_id,
    signature: row.signature,
  }));
}

export async function loadPurgeManifests(manager: EntityManager): Promise<StoredPurgeManifest[]> {
  const rows: ManifestRow[] = await manager.query('SELECT * FROM audit_purge_manifest ORDER BY id');
  return rows.map((row) => ({
    id: Number(row.id),
    horizon: new Date(row.horizon),
    throughSeq: Number(row.through_seq),
    boundaryHash: row.boundary_hash,
    retained: row.retained,
    deletedCount: Number(row.deleted_count),
    alertsArchived: Number(row.alerts_archived),
    checkpointId: Number(row.checkpoint_id),
    createdAt: new Date(row.created_at),
    keyId: row.key_id,
    signature: row.signature,
  }));
}

/** Reserves the next id of a sequence-backed table, so the signature can cover the id the row will have. */
export async function nextId(
  manager: EntityManager,
  table: 'audit_checkpoint' | 'audit_purge_manifest',
): Promise<number> {
  const rows: Array<{ id: string }> = await manager.query(
    `SELECT nextval(pg_get_serial_sequence($1, 'id')) AS id`,
    [table],
  );
  return Number(rows[0]!.id);
}

export async function insertCheckpoint(manager: EntityManager, checkpoint: StoredCheckpoint): Promise<void> {
  await manager.query(
    `INSERT INTO audit_checkpoint (id, up_to_seq, head_hash, row_count, created_at, key_id, signature)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      checkpoint.id,
      checkpoint.upToSeq,
      checkpoint.headHash,
      checkpoint.rowCount,
      checkpoint.createdAt.toISOString(),
      checkpoint.keyId,
      checkpoint.signature,
    ],
  );
}

export async function insertPurgeManifest(
  manager: EntityManager,
  manifest: StoredPurgeManifest,
): Promise<void> {
  await manager.query(
    `INSERT INTO audit_purge_manifest
       (id, horizon, through_seq, boundary_hash, retained, deleted_count, alerts_archived, checkpoint_id, created_at, key_id, signature)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11)`,
    [
      manifest.id,
      manifest.horizon.toISOString(),
      manifest.throughSeq,
      manifest.boundaryHash,
      JSON.stringify(manifest.retained),
      manifest.deletedCount,
      manifest.alertsArchived,
      manifest.checkpointId,
      manifest.createdAt.toISOString(),
      manifest.keyId,
      manifest.signature,
    ],
  );
}
