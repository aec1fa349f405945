import type { DataSource, EntityManager } from 'typeorm';
import { JobEffect1764561000000 } from './migrations/1764561000000-job-effect';

/** Add to the migrations of a database whose jobs use `performOnce`. */
export const workerMigrations = [JobEffect1764561000000];

export type OnceResult<T> = { performed: true; result: T } | { performed: false };

/**
 * Runs `effect` in one transaction with a row keyed by queue and job id. A job retried after its
 * worker died (effect committed, completion never acknowledged) finds the row and skips the effect.
 * Two workers racing on the same job serialise on the primary key.
 */
export async function performOnce<T>(
  dataSource: DataSource,
  key: { queue: string; jobId: string },
  effect: (manager: EntityManager) => Promise<T>,
): Promise<OnceResult<T>> {
  return dataSource.transaction(async (manager) => {
    const claimed = (await manager.query(
      `INSERT INTO job_effect (queue, job_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING job_id`,
      [key.queue, key.jobId],
    )) as unknown[];
    if (claimed.length === 0) return { performed: false };
    return { performed: true, result: await effect(manager) };
  });
}
