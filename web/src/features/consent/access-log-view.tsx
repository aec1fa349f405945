'use client';

import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { dateTimeText } from '@/format/date-time-text';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { AccessLogDocument } from './consent-operations';
import { PURPOSE_LABELS, accessText, actorName, partyName, rolesText } from './consent-labels';

const ENTRIES = 200;

const OUTCOME_LABELS: Record<string, string> = { SUCCESS: 'Allowed', DENIED: 'Refused', FAILURE: 'Failed' };

/** Who else read or changed the patient's record: who, role, what, when, why and on whose behalf. */
export function AccessLogView(): ReactNode {
  const { data, loading, error, refetch } = useQuery(AccessLogDocument, {
    variables: { first: ENTRIES },
    fetchPolicy: 'cache-and-network',
  });
  const entries = data?.accessLog ?? [];
  return (
    <Card
      title="Accesses to your record"
      actions={
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => void refetch()}
        >
          Refresh
        </button>
      }
    >
      {loading && !data ? <LoadingState label="Loading who accessed your record…" /> : null}
      {error && !data ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {data && entries.length === 0 ? <EmptyState title="Nobody else has accessed your record." /> : null}
      {entries.length > 0 ? (
        <div className="table-wrap">
          <table className="table table--stacked" aria-label="Access log">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Role</th>
                <th scope="col">What</th>
                <th scope="col">Purpose</th>
                <th scope="col">On behalf of</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.seq}>
                  <td data-label="When">{dateTimeText(entry.occurredAt)}</td>
                  <td data-label="Who">{actorName(entry.actor, entry.actorId)}</td>
                  <td data-label="Role">{rolesText(entry.actorRoles)}</td>
                  <td data-label="What">{accessText(entry.action, entry.entityType)}</td>
                  <td data-label="Purpose">{entry.purpose ? PURPOSE_LABELS[entry.purpose] : '—'}</td>
                  <td data-label="On behalf of">{entry.onBehalfOf ? partyName(entry.onBehalfOf) : '—'}</td>
                  <td data-label="Outcome">{OUTCOME_LABELS[entry.outcome] ?? entry.outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Card>
  );
}
