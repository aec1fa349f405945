import type { ChangePublisher } from '@holovitals/live-changes';
import type { Logger } from 'pino';

/** The subscription field a connection's sync progress is published for. */
export const EHR_SYNC_PROGRESS = 'ehrSyncProgress';

/**
 * Tells subscribers of `ehrSyncProgress(connectionId)` that the connection's latest sync moved on (`changed`: the
 * phase it is in, e.g. RUNNING, and the resource type being fetched), after the change is stored. The message
 * carries ids and those names only; a failed publish is logged and never fails the sync.
 */
export async function publishSyncProgress(
  changes: ChangePublisher,
  logger: Pick<Logger, 'warn'>,
  connectionId: string,
  changed: string[],
): Promise<void> {
  try {
    await changes.publish(
      EHR_SYNC_PROGRESS,
      { connectionId },
      { typename: 'EhrConnection', id: connectionId, kind: 'UPDATED', changed },
    );
  } catch (err) {
    logger.warn({ err, connectionId }, 'ehr sync progress not published');
  }
}
