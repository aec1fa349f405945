import { type DataSource } from 'typeorm';

export interface OutboxPruneOptions {
  dataSource: DataSource;
  /** How long published outbox rows and consumers' processed-event marks are kept. */
  retentionMs: number;
  /** Rows per DELETE, so pruning a large backlog never holds long locks or one huge transaction. */
  batchSize?: number;
}

export interface OutboxPruneResult {
  outboxRows: number;
  processedMarks: number;
}

/** Deletes in batches until a batch comes back short; each batch commits on its own. */
async function deleteInBatches(dataSource: DataSource, sql: string, params: unknown[]): Promise<number> {
  const batchSize = params[params.length - 1] as number;
  let total = 0;
  for (;;) {
    const [, deleted] = (await dataSource.query(sql, params)) as [unknown, number];
    total += deleted;
    if (deleted < batchSize) return total;
  }
}

/**
 * Removes published outbox rows older than the retention (unpublished rows are never touched: they are
 * events still owed to the bus) and `processed_event` marks past the same retention. A mark only guards
 * against a redelivery, which comes within minutes (relay crash, consumer retry backoff), never days later.
 */
export async function pruneOutbox(options: OutboxPruneOptions): Promise<OutboxPruneResult> {
  const batchSize = options.batchSize ?? 1000;
  const cutoffMs = options.retentionMs;
  const outboxRows = await deleteInBatches(
    options.dataSource,
    `DELETE FROM event_outbox WHERE id IN (
       SELECT id FROM event_outbox
        WHERE published_at < now() - make_interval(secs => $1::double precision / 1000)
        ORDER BY published_at
        LIMIT $2
        FOR UPDATE SKIP LOCKED)`,
    [cutoffMs, batchSize],
  );
  const processedMarks = await deleteInBatches(
    options.dataSource,
    `DELETE FROM processed_event WHERE (consumer_group, event_id) IN (
       SELECT consumer_group, event_id FROM processed_event
        WHERE processed_at < now() - make_interval(secs => $1::double precision / 1000)
        LIMIT $2
        FOR UPDATE SKIP LOCKED)`,
    [cutoffMs, batchSize],
  );
  return { outboxRows, processedMarks };
}
