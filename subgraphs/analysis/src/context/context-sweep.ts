import { type AuditActor, recordAudit } from '@holovitals/subgraph-kit';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { ContextEntryKind } from '../entities/context-entry.entity';
import { expireContexts, reanalyzeImportance } from './context-cache';

export interface ContextSweepSettings {
  retentionSeconds: number;
  halfLifeDays: number;
}

/**
 * The worker's repeat job: re-scores cached contexts (their retention moves with the score), then deletes every
 * snapshot and context past its retention, with their hot copies. Both steps are audited as the job.
 */
export async function sweepContexts(
  dataSource: DataSource,
  redis: Pick<Redis, 'del'>,
  settings: ContextSweepSettings,
  actor: AuditActor,
  now: Date = new Date(),
): Promise<{ rescored: number; expired: number }> {
  return dataSource.transaction(async (manager) => {
    const rescored = await reanalyzeImportance(manager, settings, now);
    if (rescored.length > 0) {
      await recordAudit(manager, actor, {
        action: 'reanalyze',
        entityType: 'ContextEntry',
        entityIds: rescored,
        patientIds: [],
        outcome: 'SUCCESS',
      });
    }
    const expired = await expireContexts(manager, redis, now);
    const contexts = expired.filter((entry) => entry.kind === ContextEntryKind.MODEL_CONTEXT);
    if (contexts.length > 0) {
      await recordAudit(manager, actor, {
        action: 'expire',
        entityType: 'ContextEntry',
        entityIds: contexts.map((entry) => entry.id),
        patientIds: [...new Set(contexts.map((entry) => entry.patientId))],
        outcome: 'SUCCESS',
      });
    }
    return { rescored: rescored.length, expired: expired.length };
  });
}
