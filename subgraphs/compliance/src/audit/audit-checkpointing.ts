import type { EntityManager } from 'typeorm';
import { AUDIT_CHAIN_LOCK } from './audit-append';
import { AuditChainBrokenError } from './audit-chain-broken-error';
import { chainAnchor, verifyChainSince } from './audit-chain-verification';
import { canonicalCheckpoint } from './audit-checkpoint-content';
import { insertCheckpoint, nextId, type StoredCheckpoint } from './audit-checkpoint-store';
import type { CheckpointSigner, CheckpointVerifyKeys } from './checkpoint-signing';

/**
 * Signs the current head of the audit chain, in the caller's transaction and under the chain's lock (no entry can
 * be appended meanwhile). First checks every signature and re-verifies every entry since the last signed point, so a checkpoint only ever
 * vouches for a chain that was intact when signed. With `onlyIfAdvanced`, signs nothing when no entry arrived
 * since the newest checkpoint (the periodic job); the purge always signs. Returns the checkpoint, or null.
 */
export async function createAuditCheckpoint(
  manager: EntityManager,
  signer: CheckpointSigner,
  keys: CheckpointVerifyKeys,
  options: { onlyIfAdvanced: boolean },
): Promise<StoredCheckpoint | null> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  const anchor = await chainAnchor(manager, keys);
  const heads: Array<{ seq: string; hash: string }> = await manager.query(
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
  const head =
    heads[0] && Number(heads[0].seq) > anchor.seq
      ? { seq: Number(heads[0].seq), hash: heads[0].hash }
      : anchor;
  if (options.onlyIfAdvanced && head.seq === anchor.seq) {
    const signedAtAnchor: Array<{ id: string }> = await manager.query(
      'SELECT id FROM audit_checkpoint WHERE up_to_seq = $1 LIMIT 1',
      [anchor.seq],
    );
    if (signedAtAnchor.length > 0) return null;
  }
  const verified = await verifyChainSince(manager, anchor);
  if (verified.firstBroken || verified.brokenCheckpoint) throw new AuditChainBrokenError(verified);
  const counted: Array<{ n: string }> = await manager.query(
    'SELECT count(*) AS n FROM audit_log WHERE seq <= $1',
    [head.seq],
  );
  const content = {
    id: await nextId(manager, 'audit_checkpoint'),
    upToSeq: head.seq,
    headHash: head.hash,
    rowCount: Number(counted[0]!.n),
    createdAt: new Date(),
    keyId: signer.keyId,
  };
  const checkpoint = { ...content, signature: signer.sign(canonicalCheckpoint(content)) };
  await insertCheckpoint(manager, checkpoint);
  return checkpoint;
}
