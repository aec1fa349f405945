'use client';

import { useQuery, useSubscription } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { dateTimeText } from '@/format/date-time-text';
import { EhrSyncHistoryDocument, EhrSyncProgressDocument } from './ehr-operations';

const IN_PROGRESS = new Set(['QUEUED', 'RUNNING']);

/**
 * The latest sync of one connection: live while it runs (`ehrSyncProgress`: phase, the resource type being
 * fetched, how many so far), then when, how, and what came in per resource type.
 */
export function EhrLastSync({ connectionId }: { connectionId: string }): ReactNode {
  // The subscription makes it live (its connection's last sync time updates the list through the cache); a slow
  // poll still catches a step published before its write was visible.
  const history = useQuery(EhrSyncHistoryDocument, { variables: { connectionId }, pollInterval: 10_000 });
  const live = useSubscription(EhrSyncProgressDocument, {
    variables: { connectionId },
    // Each step of a sync brings the run's summary up to date; the counts per type arrive once it is applied.
    onData: () => void history.refetch(),
  });
  const running = live.data?.ehrSyncProgress.connection.latestSync;
  if (running && IN_PROGRESS.has(running.status))
    return (
      <div className="muted" aria-label="Sync progress" aria-live="polite">
        {running.status === 'QUEUED'
          ? 'Sync queued…'
          : `Syncing${running.currentResourceType ? `: ${running.currentResourceType}` : ''}… ${running.resourceCount} fetched so far`}
      </div>
    );
  const run = history.data?.ehrSyncHistory.runs[0];
  if (!run) return <div className="muted">Not synced yet.</div>;
  const changed = run.counts.filter((count) => count.created + count.updated > 0);
  const conflicts = run.counts.reduce((sum, count) => sum + count.conflicts, 0);
  return (
    <div className="muted" aria-label="Last sync">
      {run.mode === 'FULL' ? 'Full sync' : 'Sync'} {dateTimeText(run.startedAt)}: {run.status.toLowerCase()},{' '}
      {run.resourceCount} fetched
      {changed.length > 0
        ? ` (${changed
            .map(
              (count) =>
                `${count.resourceType}: ${count.created} new${count.updated > 0 ? `, ${count.updated} updated` : ''}`,
            )
            .join('; ')})`
        : ''}
      {conflicts > 0 ? ` — ${conflicts} of your edits differ from the hospital’s version` : ''}
      {run.errors.length > 0 ? ` — ${run.errors.join('; ')}` : ''}
    </div>
  );
}
