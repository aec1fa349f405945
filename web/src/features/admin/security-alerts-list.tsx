'use client';

import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { type ReactNode, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { dateTimeText } from '@/format/date-time-text';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { SelectField } from '@/ui/select-field';
import {
  AcknowledgeAlertDocument,
  SecurityAlertRaisedDocument,
  SecurityAlertsDocument,
} from './admin-operations';

type Status = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';

const STATUSES = [
  { value: 'OPEN', label: 'Open' },
  { value: 'ACKNOWLEDGED', label: 'Acknowledged' },
  { value: 'RESOLVED', label: 'Resolved' },
  { value: '', label: 'All' },
];

export function SecurityAlertsList(): ReactNode {
  const [status, setStatus] = useState<Status | ''>('OPEN');
  const { data, loading, error, refetch } = useQuery(SecurityAlertsDocument, {
    variables: { status: status === '' ? null : status },
  });
  // A newly raised alert appears without a reload: the list is fetched again, so the status filter still applies.
  useSubscription(SecurityAlertRaisedDocument, { onData: () => void refetch() });
  const [acknowledge] = useMutation(AcknowledgeAlertDocument);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  async function acknowledgeOne(id: string): Promise<void> {
    setPendingId(id);
    setActionError(null);
    try {
      await acknowledge({ variables: { id } });
      await refetch();
    } catch (caught) {
      setActionError(describeError(errorInfoFromApollo(caught)));
    } finally {
      setPendingId(null);
    }
  }

  const alerts = data?.securityAlerts.nodes ?? [];
  return (
    <div className="stack">
      {actionError ? <Alert tone="error">{actionError}</Alert> : null}
      <SelectField
        label="Status"
        options={STATUSES}
        value={status}
        onChange={(event) => setStatus(event.target.value as Status | '')}
      />
      <Card title="Security alerts">
        {loading && !data ? <LoadingState label="Loading alerts…" /> : null}
        {error ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
        {data && alerts.length === 0 ? <EmptyState title="No security alerts here." /> : null}
        {alerts.length > 0 ? (
          <ul className="list" aria-label="Security alerts">
            {alerts.map((alert) => (
              <li key={alert.id} className="row row--spread">
                <div>
                  <strong>
                    {alert.severity} · {alert.kind.replaceAll('_', ' ').toLowerCase()}
                  </strong>
                  <span className="badge"> {alert.status.toLowerCase()}</span>
                  <div>{alert.details}</div>
                  <div className="muted">Raised {dateTimeText(alert.raisedAt)}</div>
                </div>
                {alert.status === 'OPEN' ? (
                  <Button
                    small
                    busy={pendingId === alert.id}
                    aria-label={`Acknowledge ${alert.kind} alert raised ${dateTimeText(alert.raisedAt)}`}
                    onClick={() => void acknowledgeOne(alert.id)}
                  >
                    Acknowledge
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
    </div>
  );
}
