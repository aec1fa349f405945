'use client';

import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { dateTimeText } from '@/format/date-time-text';
import { EhrSyncHistoryDocument } from './ehr-operations';

/** The latest sync of one connection: when, how, and what came in per resource type. */
export function EhrLastSync({ connectionId }: { connectionId: string }): ReactNode {
  const { data } = useQuery(EhrSyncHistoryDocument, { variables: { connectionId }, pollInterval: 2000 });
  const run = data?.ehrSyncHistory.runs[0];
  if (!run) return <div className="muted">Not synced yet.</div>;
  const changed = run.counts.filter((count) => count.created + count.updated > 0);
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
      {run.errors.length > 0 ? ` — ${run.errors.join('; ')}` : ''}
    </div>
  );
}
