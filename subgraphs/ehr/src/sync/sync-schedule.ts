import type { QueueProducer } from '@holovitals/worker-runtime';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EhrConnectionStatus } from '../entities/ehr-connection-status';
import { ehrSyncQueue } from './sync-queue';
import { requestSyncRun } from './sync-run-store';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Each connection's time of day for its daily sync, spread over the whole day by a hash of its id, so a hospital
 * never sees all of our patients at midnight and a restart does not move anyone's slot.
 */
export function dailySlotOffsetMs(connectionId: string): number {
  return createHash('sha256').update(connectionId).digest().readUInt32BE(0) % DAY_MS;
}

/** The most recent daily slot of a connection at or before `now`. */
export function latestDailySlot(connectionId: string, now: Date): Date {
  const offset = dailySlotOffsetMs(connectionId);
  const sinceFirstSlot = now.getTime() - offset;
  return new Date(Math.floor(sinceFirstSlot / DAY_MS) * DAY_MS + offset);
}

/** Whether a connection whose last sync (or connection) started at `lastStartedAt` has missed its latest slot. */
export function isSyncDue(connectionId: string, lastStartedAt: Date, now: Date): boolean {
  return lastStartedAt < latestDailySlot(connectionId, now);
}

/**
 * Enqueues the daily sync of every ACTIVE connection whose slot has passed since its last run started (on demand
 * or scheduled). A connection with a run still queued or running meets that run instead (requestSyncRun), so a
 * scan that repeats, or two workers scanning at once, never queue a second sync. Returns how many were enqueued.
 */
export async function enqueueDueSyncs(
  dataSource: DataSource,
  queue: QueueProducer,
  now: Date,
): Promise<number> {
  const connections = (await dataSource.query(
    `SELECT c.id, c.sync_cursor, GREATEST(c.created_at, max(r.started_at)) AS last_started
       FROM ehr_connection c LEFT JOIN ehr_sync_run r ON r.connection_id = c.id
      WHERE c.status = $1
      GROUP BY c.id`,
    [EhrConnectionStatus.ACTIVE],
  )) as { id: string; sync_cursor: Date | null; last_started: Date }[];
  let enqueued = 0;
  for (const connection of connections) {
    if (!isSyncDue(connection.id, connection.last_started, now)) continue;
    const { run, created } = await requestSyncRun(dataSource, {
      id: connection.id,
      syncCursor: connection.sync_cursor,
    });
    if (!created) continue;
    await queue.enqueue(ehrSyncQueue, { runId: run.id }, { jobId: run.id, priority: 'low' });
    enqueued += 1;
  }
  return enqueued;
}
