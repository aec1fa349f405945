import type { DataSource } from 'typeorm';
import { AuditLogEntity } from '../entities/audit-log.entity';
import { auditEntryHash, GENESIS_HASH } from './audit-chain';

const PAGE_SIZE = 1_000;

/** Why an entry does not fit the chain. */
export type ChainBreak = 'CONTENT_CHANGED' | 'PREVIOUS_HASH_MISMATCH' | 'ENTRY_MISSING';

export interface AuditChainResult {
  valid: boolean;
  checkedEntries: number;
  firstBroken: { seq: number; eventId: string; reason: ChainBreak } | null;
}

/**
 * Recomputes the hash of every entry that occurred in [from, to] (either end open) in chain order and checks
 * that each links to the entry before it, including the one just before the range. Stops at the first
 * entry that does not fit: its content was changed, its link was, or entries before it were removed.
 */
export async function verifyAuditChain(
  dataSource: DataSource,
  from: Date | null,
  to: Date | null,
): Promise<AuditChainResult> {
  const repository = dataSource.getRepository(AuditLogEntity);
  let checkedEntries = 0;
  let expected: { seq: number; hash: string } | null = null;
  let afterSeq = 0;
  for (;;) {
    const query = repository
      .createQueryBuilder('entry')
      .where('entry.seq > :afterSeq', { afterSeq })
      .orderBy('entry.seq', 'ASC')
      .take(PAGE_SIZE);
    if (from) query.andWhere('entry.occurredAt >= :from', { from });
    if (to) query.andWhere('entry.occurredAt <= :to', { to });
    const page = await query.getMany();
    for (const entry of page) {
      expected ??= await predecessorOf(dataSource, entry.seq);
      const reason = breakOf(entry, expected);
      if (reason) {
        return {
          valid: false,
          checkedEntries,
          firstBroken: { seq: entry.seq, eventId: entry.eventId, reason },
        };
      }
      checkedEntries += 1;
      expected = { seq: entry.seq, hash: entry.hash };
      afterSeq = entry.seq;
    }
    if (page.length < PAGE_SIZE) return { valid: true, checkedEntries, firstBroken: null };
  }
}

async function predecessorOf(dataSource: DataSource, seq: number): Promise<{ seq: number; hash: string }> {
  if (seq === 1) return { seq: 0, hash: GENESIS_HASH };
  const rows: Array<{ hash: string }> = await dataSource.query('SELECT hash FROM audit_log WHERE seq = $1', [
    seq - 1,
  ]);
  // Missing predecessor: the entry below cannot link to it, reported as ENTRY_MISSING.
  return { seq: seq - 1, hash: rows[0]?.hash ?? '' };
}

function breakOf(entry: AuditLogEntity, expected: { seq: number; hash: string }): ChainBreak | null {
  if (entry.seq !== expected.seq + 1 || expected.hash === '') return 'ENTRY_MISSING';
  if (entry.prevHash !== expected.hash) return 'PREVIOUS_HASH_MISMATCH';
  if (auditEntryHash(entry) !== entry.hash) return 'CONTENT_CHANGED';
  return null;
}
