import { jobSystemActor, recordAudit } from '@holovitals/subgraph-kit';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditChainBrokenError } from '../audit/audit-chain-broken-error';
import { verifyAuditChain } from '../audit/audit-chain-verification';
import { canonicalPurgeManifest, type RetainedEntry } from '../audit/audit-checkpoint-content';
import { insertPurgeManifest, loadPurgeManifests, nextId } from '../audit/audit-checkpoint-store';
import { createAuditCheckpoint } from '../audit/audit-checkpointing';
import type { CheckpointSigner, CheckpointVerifyKeys } from '../audit/checkpoint-signing';
import { archiveAlertsBeforePurge } from './alert-archive';

const DAY_MS = 86_400_000;

export interface PurgeRequest {
  auditRetentionDays: number;
  accessLogRetentionDays: number;
  /** The job that runs it, named in the purge's own audit entry. */
  job: { queue: string; id: string };
  now?: Date;
}

export interface PurgeResult {
  checkpointId: number;
  manifestId: number | null;
  throughSeq: number | null;
  deleted: number;
  retained: number;
  alertsArchived: number;
  accessLogDeleted: number;
}

/**
 * Removes audit entries older than the audit retention and RBAC access log rows older than the access log
 * retention, except those a legal hold covers, in one transaction:
 * verify the whole chain (a broken chain is evidence, never purged) → sign a checkpoint of the head → archive the
 * security alerts that are old or cite entries about to go, with those entries → sign a purge manifest (horizon,
 * the hash the kept chain starts from, every held entry kept below it) → delete through `purge_audit_log`, the one
 * database path allowed to, which refuses unless the manifest is exactly what it finds → audit the purge with its
 * counts. Audit entries go as a prefix of the chain (up to the first one still within retention).
 */
export async function purgeExpiredAuditEntries(
  dataSource: DataSource,
  signer: CheckpointSigner,
  keys: CheckpointVerifyKeys,
  request: PurgeRequest,
): Promise<PurgeResult> {
  const now = request.now ?? new Date();
  const before = await verifyAuditChain(dataSource, keys, null, null);
  if (!before.valid) throw new AuditChainBrokenError(before);
  const horizon = new Date(now.getTime() - request.auditRetentionDays * DAY_MS);
  const accessHorizon = new Date(now.getTime() - request.accessLogRetentionDays * DAY_MS);
  return dataSource.transaction(async (manager) => {
    const checkpoint = await createAuditCheckpoint(manager, signer, keys, { onlyIfAdvanced: false });
    const audit = await purgeAuditPrefix(manager, signer, horizon, checkpoint!.id);
    const accessLogDeleted = await purgeAccessLog(manager, accessHorizon);
    const result: PurgeResult = { checkpointId: checkpoint!.id, ...audit, accessLogDeleted };
    if (result.deleted > 0 || accessLogDeleted > 0) {
      await recordAudit(manager, jobSystemActor('compliance', request.job), {
        action: 'purge',
        entityType: 'AuditLog',
        // The counts travel in the chained entry itself, so the purge's extent is as tamper-evident as the rest.
        entityIds: [
          `manifest:${result.manifestId ?? 'none'}`,
          `through-seq:${result.throughSeq ?? 'none'}`,
          `deleted:${result.deleted}`,
          `retained:${result.retained}`,
          `alerts-archived:${result.alertsArchived}`,
          `access-log-deleted:${accessLogDeleted}`,
        ],
        patientIds: [],
        outcome: 'SUCCESS',
      });
    }
    return result;
  });
}

async function purgeAuditPrefix(
  manager: EntityManager,
  signer: CheckpointSigner,
  horizon: Date,
  checkpointId: number,
): Promise<Omit<PurgeResult, 'checkpointId' | 'accessLogDeleted'>> {
  const previous = (await loadPurgeManifests(manager)).at(-1) ?? null;
  const bounds: Array<{ through: string }> = await manager.query(
    `SELECT greatest(coalesce((SELECT min(seq) - 1 FROM audit_log WHERE occurred_at >= $1),
                              (SELECT max(seq) FROM audit_log), 0), $2::bigint) AS through`,
    [horizon.toISOString(), previous?.throughSeq ?? 0],
  );
  const throughSeq = Number(bounds[0]!.through);
  const counts: Array<{ doomed: string }> = await manager.query(
    `SELECT count(*) AS doomed FROM audit_log WHERE seq <= $1 AND NOT audit_row_held(patient_ids, actor_id)`,
    [throughSeq],
  );
  const deletedCount = Number(counts[0]!.doomed);
  if (deletedCount === 0) {
    return { manifestId: null, throughSeq: null, deleted: 0, retained: 0, alertsArchived: 0 };
  }
  const retained: RetainedEntry[] = (
    (await manager.query(
      `SELECT seq, event_id, hash FROM audit_log
        WHERE seq <= $1 AND audit_row_held(patient_ids, actor_id) ORDER BY seq`,
      [throughSeq],
    )) as Array<{ seq: string; event_id: string; hash: string }>
  ).map((row) => ({ seq: Number(row.seq), eventId: row.event_id, hash: row.hash }));
  const boundary: Array<{ hash: string }> = await manager.query('SELECT hash FROM audit_log WHERE seq = $1', [
    throughSeq,
  ]);
  // The boundary entry is gone only when an earlier purge already ended there (a hold released since).
  const boundaryHash = boundary[0]?.hash ?? previous!.boundaryHash;
  const alertsArchived = await archiveAlertsBeforePurge(manager, horizon, throughSeq);
  const content = {
    id: await nextId(manager, 'audit_purge_manifest'),
    horizon,
    throughSeq,
    boundaryHash,
    retained,
    deletedCount,
    alertsArchived,
    checkpointId,
    createdAt: new Date(),
    keyId: signer.keyId,
  };
  await insertPurgeManifest(manager, { ...content, signature: signer.sign(canonicalPurgeManifest(content)) });
  const purged: Array<{ deleted: string }> = await manager.query(
    'SELECT purge_audit_log($1, $2) AS deleted',
    [horizon.toISOString(), content.id],
  );
  return {
    manifestId: content.id,
    throughSeq,
    deleted: Number(purged[0]!.deleted),
    retained: retained.length,
    alertsArchived,
  };
}

/** The RBAC decision log is a copy of audit entries kept for less long; held rows stay, as in the audit log. */
async function purgeAccessLog(manager: EntityManager, accessHorizon: Date): Promise<number> {
  const rows: Array<{ n: string }> = await manager.query(
    `WITH gone AS (
       DELETE FROM rbac_access_log WHERE occurred_at < $1 AND NOT audit_row_held(patient_ids, actor_id) RETURNING 1
     ) SELECT count(*) AS n FROM gone`,
    [accessHorizon.toISOString()],
  );
  return Number(rows[0]!.n);
}
