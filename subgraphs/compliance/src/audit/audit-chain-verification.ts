import type { DataSource, EntityManager } from 'typeorm';
import { AuditLogEntity } from '../entities/audit-log.entity';
import { canonicalCheckpoint, canonicalPurgeManifest, type RetainedEntry } from './audit-checkpoint-content';
import {
  loadCheckpoints,
  loadPurgeManifests,
  type StoredCheckpoint,
  type StoredPurgeManifest,
} from './audit-checkpoint-store';
import { auditEntryHash, GENESIS_HASH } from './audit-chain';
import { AuditChainBrokenError } from './audit-chain-broken-error';
import { checkSignature, type CheckpointVerifyKeys } from './checkpoint-signing';

const PAGE_SIZE = 1_000;

/** Why an entry does not fit the chain. */
export type ChainBreak =
  | 'CONTENT_CHANGED'
  | 'PREVIOUS_HASH_MISMATCH'
  | 'ENTRY_MISSING'
  | 'CHECKPOINT_MISMATCH'
  | 'NOT_IN_PURGE_MANIFEST';

/** Why a signed checkpoint or purge manifest does not hold. */
export type CheckpointBreak = 'INVALID_SIGNATURE' | 'UNKNOWN_KEY' | 'HEAD_MISMATCH' | 'ENTRIES_REMOVED';

export interface BrokenCheckpoint {
  kind: 'CHECKPOINT' | 'PURGE_MANIFEST';
  id: number;
  upToSeq: number;
  reason: CheckpointBreak;
}

export interface AuditChainResult {
  valid: boolean;
  checkedEntries: number;
  firstBroken: { seq: number; eventId: string; reason: ChainBreak } | null;
  checkpointsVerified: number;
  brokenCheckpoint: BrokenCheckpoint | null;
  /** Entries up to here were purged (all but those kept under legal hold); the chain is checked from the next. */
  purgedThroughSeq: number | null;
}

interface Anchor {
  seq: number;
  hash: string;
}

interface Evidence {
  checkpoints: StoredCheckpoint[];
  horizon: StoredPurgeManifest | null;
}

function invalidSignature(
  keys: CheckpointVerifyKeys,
  evidence: Evidence,
  manifests: StoredPurgeManifest[],
): BrokenCheckpoint | null {
  for (const checkpoint of evidence.checkpoints) {
    const check = checkSignature(
      keys,
      checkpoint.keyId,
      canonicalCheckpoint(checkpoint),
      checkpoint.signature,
    );
    if (check !== 'VALID')
      return { kind: 'CHECKPOINT', id: checkpoint.id, upToSeq: checkpoint.upToSeq, reason: check };
  }
  for (const manifest of manifests) {
    const check = checkSignature(keys, manifest.keyId, canonicalPurgeManifest(manifest), manifest.signature);
    if (check !== 'VALID') {
      return { kind: 'PURGE_MANIFEST', id: manifest.id, upToSeq: manifest.throughSeq, reason: check };
    }
  }
  return null;
}

/**
 * Recomputes the audit chain over entries that occurred in [from, to] (either end open), in chain order, and checks
 * it against the signed evidence: every checkpoint and purge manifest must carry a valid signature of a known key;
 * each entry must link to the one before it (the first entry after the last purge links to the manifest's boundary
 * hash); where a checkpoint was signed, the entry there must still have the signed head hash (so a rewritten suffix
 * is caught even when its links were recomputed); no checkpoint may lie beyond the last entry (truncation); and
 * entries kept under legal hold below the purge horizon must match the manifest's hashes. Stops at the first break.
 */
export async function verifyAuditChain(
  dataSource: DataSource,
  keys: CheckpointVerifyKeys,
  from: Date | null,
  to: Date | null,
): Promise<AuditChainResult> {
  const manager = dataSource.manager;
  const manifests = await loadPurgeManifests(manager);
  const evidence: Evidence = {
    checkpoints: await loadCheckpoints(manager),
    horizon: manifests.at(-1) ?? null,
  };
  const purgedThroughSeq = evidence.horizon?.throughSeq ?? null;
  const result = (partial: Partial<AuditChainResult>): AuditChainResult => ({
    valid: false,
    checkedEntries: 0,
    firstBroken: null,
    checkpointsVerified: 0,
    brokenCheckpoint: null,
    purgedThroughSeq,
    ...partial,
  });

  const forged = invalidSignature(keys, evidence, manifests);
  if (forged) return result({ brokenCheckpoint: forged });
  const checkpointsVerified = evidence.checkpoints.length;

  const retainedBreak = await retainedEntryBreak(manager, evidence.horizon, from, to);
  if (retainedBreak) return result({ checkpointsVerified, firstBroken: retainedBreak });

  const walk = await walkChain(manager, evidence, { from, to });
  if (walk.firstBroken) return result({ checkpointsVerified, ...walk });

  const truncated = await truncation(manager, evidence);
  if (truncated)
    return result({ checkpointsVerified, checkedEntries: walk.checkedEntries, brokenCheckpoint: truncated });
  return result({ valid: true, checkedEntries: walk.checkedEntries, checkpointsVerified });
}

/**
 * Checks entries after `after` up to the head link onto it and match every checkpoint on the way: what the
 * checkpoint job proves before it signs a new head, so a checkpoint never vouches for a chain already broken.
 */
export async function verifyChainSince(
  manager: EntityManager,
  after: Anchor,
): Promise<{
  checkedEntries: number;
  firstBroken: AuditChainResult['firstBroken'];
  brokenCheckpoint: BrokenCheckpoint | null;
}> {
  const checkpoints = await loadCheckpoints(manager);
  return walkChain(manager, { checkpoints, horizon: null }, { from: null, to: null, after });
}

/**
 * The entry the verified chain resumes from: the newest checkpoint, or the purge boundary, or genesis. Every
 * checkpoint and manifest must carry a valid signature first, so a forged one cannot move the starting point.
 */
export async function chainAnchor(manager: EntityManager, keys: CheckpointVerifyKeys): Promise<Anchor> {
  const checkpoints = await loadCheckpoints(manager);
  const manifests = await loadPurgeManifests(manager);
  const horizon = manifests.at(-1);
  const forged = invalidSignature(keys, { checkpoints, horizon: horizon ?? null }, manifests);
  if (forged) throw new AuditChainBrokenError({ firstBroken: null, brokenCheckpoint: forged });
  const latest = checkpoints.reduce<StoredCheckpoint | null>(
    (best, checkpoint) => (best === null || checkpoint.upToSeq > best.upToSeq ? checkpoint : best),
    null,
  );
  const candidates: Anchor[] = [{ seq: 0, hash: GENESIS_HASH }];
  if (latest) candidates.push({ seq: latest.upToSeq, hash: latest.headHash });
  if (horizon) candidates.push({ seq: horizon.throughSeq, hash: horizon.boundaryHash });
  return candidates.reduce((best, candidate) => (candidate.seq > best.seq ? candidate : best));
}

async function walkChain(
  manager: EntityManager,
  evidence: Evidence,
  range: { from: Date | null; to: Date | null; after?: Anchor },
): Promise<{
  checkedEntries: number;
  firstBroken: AuditChainResult['firstBroken'];
  brokenCheckpoint: BrokenCheckpoint | null;
}> {
  const repository = manager.getRepository(AuditLogEntity);
  const signedHeads = new Map<number, StoredCheckpoint[]>();
  for (const checkpoint of evidence.checkpoints) {
    signedHeads.set(checkpoint.upToSeq, [...(signedHeads.get(checkpoint.upToSeq) ?? []), checkpoint]);
  }
  const boundary: Anchor | null =
    range.after ??
    (evidence.horizon ? { seq: evidence.horizon.throughSeq, hash: evidence.horizon.boundaryHash } : null);
  let checkedEntries = 0;
  let expected: Anchor | null = range.after ?? null;
  let afterSeq = boundary?.seq ?? 0;
  for (;;) {
    const query = repository
      .createQueryBuilder('entry')
      .where('entry.seq > :afterSeq', { afterSeq })
      .orderBy('entry.seq', 'ASC')
      .take(PAGE_SIZE);
    if (range.from) query.andWhere('entry.occurredAt >= :from', { from: range.from });
    if (range.to) query.andWhere('entry.occurredAt <= :to', { to: range.to });
    const page = await query.getMany();
    for (const entry of page) {
      expected ??= await predecessorOf(manager, entry.seq, boundary);
      const reason = breakOf(entry, expected);
      if (reason) {
        return {
          checkedEntries,
          firstBroken: { seq: entry.seq, eventId: entry.eventId, reason },
          brokenCheckpoint: null,
        };
      }
      const mismatch = signedHeads.get(entry.seq)?.find((checkpoint) => checkpoint.headHash !== entry.hash);
      if (mismatch) {
        return {
          checkedEntries,
          firstBroken: { seq: entry.seq, eventId: entry.eventId, reason: 'CHECKPOINT_MISMATCH' },
          brokenCheckpoint: {
            kind: 'CHECKPOINT',
            id: mismatch.id,
            upToSeq: mismatch.upToSeq,
            reason: 'HEAD_MISMATCH',
          },
        };
      }
      checkedEntries += 1;
      expected = { seq: entry.seq, hash: entry.hash };
      afterSeq = entry.seq;
    }
    if (page.length < PAGE_SIZE) return { checkedEntries, firstBroken: null, brokenCheckpoint: null };
  }
}

async function predecessorOf(manager: EntityManager, seq: number, boundary: Anchor | null): Promise<Anchor> {
  if (boundary && seq - 1 === boundary.seq) return boundary;
  if (seq === 1) return { seq: 0, hash: GENESIS_HASH };
  const rows: Array<{ hash: string }> = await manager.query('SELECT hash FROM audit_log WHERE seq = $1', [
    seq - 1,
  ]);
  // Missing predecessor: the entry below cannot link to it, reported as ENTRY_MISSING.
  return { seq: seq - 1, hash: rows[0]?.hash ?? '' };
}

function breakOf(entry: AuditLogEntity, expected: Anchor): ChainBreak | null {
  if (entry.seq !== expected.seq + 1 || expected.hash === '') return 'ENTRY_MISSING';
  if (entry.prevHash !== expected.hash) return 'PREVIOUS_HASH_MISMATCH';
  if (auditEntryHash(entry) !== entry.hash) return 'CONTENT_CHANGED';
  return null;
}

/**
 * Entries at or below the purge horizon exist only because a legal hold kept them: each must be one the signed
 * manifest lists, unchanged (its links cannot be checked, their neighbours are gone), and none listed may be missing.
 */
async function retainedEntryBreak(
  manager: EntityManager,
  horizon: StoredPurgeManifest | null,
  from: Date | null,
  to: Date | null,
): Promise<AuditChainResult['firstBroken']> {
  if (!horizon) return null;
  const listed = new Map<number, RetainedEntry>(horizon.retained.map((entry) => [entry.seq, entry]));
  const query = manager
    .getRepository(AuditLogEntity)
    .createQueryBuilder('entry')
    .where('entry.seq <= :through', { through: horizon.throughSeq })
    .orderBy('entry.seq', 'ASC');
  const present = await query.getMany();
  const inRange = (entry: AuditLogEntity): boolean =>
    (!from || entry.occurredAt >= from) && (!to || entry.occurredAt <= to);
  const seen = new Set<number>();
  for (const entry of present) {
    seen.add(entry.seq);
    if (!inRange(entry)) continue;
    const signed = listed.get(entry.seq);
    if (!signed || signed.eventId !== entry.eventId) {
      return { seq: entry.seq, eventId: entry.eventId, reason: 'NOT_IN_PURGE_MANIFEST' };
    }
    if (signed.hash !== entry.hash || auditEntryHash(entry) !== entry.hash) {
      return { seq: entry.seq, eventId: entry.eventId, reason: 'CONTENT_CHANGED' };
    }
  }
  const missing = horizon.retained.find((entry) => !seen.has(entry.seq));
  return missing ? { seq: missing.seq, eventId: missing.eventId, reason: 'ENTRY_MISSING' } : null;
}

/** A checkpoint signed a head the log no longer reaches: entries at its end were removed. */
async function truncation(manager: EntityManager, evidence: Evidence): Promise<BrokenCheckpoint | null> {
  if (evidence.checkpoints.length === 0) return null;
  const rows: Array<{ head: string | null }> = await manager.query('SELECT max(seq) AS head FROM audit_log');
  // A purge of the whole log leaves the head below the horizon until the next entry arrives.
  const head = Math.max(Number(rows[0]?.head ?? 0), evidence.horizon?.throughSeq ?? 0);
  const beyond = evidence.checkpoints.find((checkpoint) => checkpoint.upToSeq > head);
  return beyond
    ? { kind: 'CHECKPOINT', id: beyond.id, upToSeq: beyond.upToSeq, reason: 'ENTRIES_REMOVED' }
    : null;
}
