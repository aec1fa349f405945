'use client';

import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { type ReactNode, useEffect, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { dateTimeText } from '@/format/date-time-text';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import {
  AcknowledgeOperationalAlertDocument,
  MonitoringHealthChangedDocument,
  MonitoringHealthDocument,
  MonitoringOverviewDocument,
} from './monitoring-operations';
import { MonitoringTrends } from './monitoring-trends';
import { TraceLink } from './trace-link';

/**
 * Health arrives live from `serviceHealthChanged`. A slow poll still catches a change published while the socket
 * reconnected; when the subscription fails, polling at the monitoring worker's pace (2 s) takes over.
 */
const HEALTH_FALLBACK_POLL_MS = 30_000;
const HEALTH_POLL_WITHOUT_SOCKET_MS = 2_000;
const OVERVIEW_POLL_MS = 15_000;
const WINDOW_MS = 15 * 60_000;

function overviewRange(): { from: string; to: string } {
  const to = new Date();
  return { from: new Date(to.getTime() - WINDOW_MS).toISOString(), to: to.toISOString() };
}

function ms(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

function ServiceHealthCard(): ReactNode {
  const [socketFailed, setSocketFailed] = useState(false);
  const { data, loading, error, refetch } = useQuery(MonitoringHealthDocument, {
    pollInterval: socketFailed ? HEALTH_POLL_WITHOUT_SOCKET_MS : HEALTH_FALLBACK_POLL_MS,
  });
  // An UPDATED change refreshes its cached ServiceHealth in place; a process added or removed changes the list.
  useSubscription(MonitoringHealthChangedDocument, {
    onData: ({ data: change }) => {
      setSocketFailed(false);
      if (change.data && change.data.serviceHealthChanged.kind !== 'UPDATED') void refetch();
    },
    onError: () => setSocketFailed(true),
  });
  const services = data?.health ?? [];
  const down = services.filter((service) => service.status !== 'UP').length;
  return (
    <Card title={`Services${data ? ` · ${down === 0 ? 'all up' : `${down} not up`}` : ''}`}>
      <p className="muted" aria-live="polite" data-health-updates={socketFailed ? 'polling' : 'live'}>
        {socketFailed
          ? 'Live updates unavailable: checking every 2 seconds.'
          : 'Status changes appear live, as the monitoring worker sees them.'}
      </p>
      {loading && !data ? <LoadingState label="Loading service health…" /> : null}
      {error ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {data && services.length === 0 ? (
        <EmptyState title="No checks yet: is monitoring-worker running?" />
      ) : null}
      {services.length > 0 ? (
        <div className="table-wrap">
          <table className="table table--stacked" aria-label="Service health">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Check</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {services.map((service) => (
                <tr key={service.id} data-service={service.id} data-status={service.status}>
                  <th scope="row">{service.id}</th>
                  <td>{service.kind}</td>
                  <td>
                    <span className={service.status === 'UP' ? 'badge badge--normal' : 'badge badge--high'}>
                      {service.status}
                    </span>
                    {service.detail ? <div className="muted">{service.detail}</div> : null}
                  </td>
                  <td>{ms(service.latencyMs ?? null)}</td>
                  <td>{dateTimeText(service.changedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Card>
  );
}

/** `traceViewerUrl`: the TRACE_VIEWER_URL template (with `{traceId}`); trace ids link to it when set. */
export function MonitoringDashboard({ traceViewerUrl }: { traceViewerUrl: string | null }): ReactNode {
  const [range, setRange] = useState(overviewRange);
  // A new window (ending now) every interval: polling would repeat the window the page opened with.
  useEffect(() => {
    const timer = setInterval(() => setRange(overviewRange()), OVERVIEW_POLL_MS);
    return () => clearInterval(timer);
  }, []);
  const overview = useQuery(MonitoringOverviewDocument, { variables: range });
  const { loading, error, refetch } = overview;
  // The last window stays shown while the next one loads, instead of the cards flashing away every 15 s.
  const data = overview.data ?? overview.previousData;
  const [acknowledge] = useMutation(AcknowledgeOperationalAlertDocument);
  const [actionError, setActionError] = useState<string | null>(null);

  async function acknowledgeOne(id: string): Promise<void> {
    setActionError(null);
    try {
      await acknowledge({ variables: { id } });
      await refetch();
    } catch (caught) {
      setActionError(describeError(errorInfoFromApollo(caught)));
    }
  }

  const alerts = (data?.operationalAlerts ?? []).filter((alert) => alert.status !== 'RESOLVED');
  return (
    <div className="stack">
      {actionError ? <Alert tone="error">{actionError}</Alert> : null}
      <ServiceHealthCard />
      <MonitoringTrends />
      {loading && !data ? <LoadingState label="Loading metrics…" /> : null}
      {error ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {data ? (
        <>
          <Card
            title="Open alerts"
            actions={
              <Button small onClick={() => setRange(overviewRange())}>
                Refresh
              </Button>
            }
          >
            {alerts.length === 0 ? <EmptyState title="No open alerts." /> : null}
            {alerts.length > 0 ? (
              <ul className="list" aria-label="Open alerts">
                {alerts.map((alert) => (
                  <li key={alert.id} className="row row--spread">
                    <div>
                      <strong>
                        {alert.severity} · {alert.kind.replaceAll('_', ' ').toLowerCase()}
                      </strong>
                      <span className="badge"> {alert.status.toLowerCase()}</span>
                      <div>{alert.summary}</div>
                      <div className="muted">Fired {dateTimeText(alert.firedAt)}</div>
                    </div>
                    {alert.status === 'FIRING' ? (
                      <Button small onClick={() => void acknowledgeOne(alert.id)}>
                        Acknowledge
                      </Button>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </Card>
          <Card title="Latency, last 15 minutes">
            {data.performance.length === 0 ? (
              <EmptyState title="No operations measured in this window." />
            ) : null}
            {data.performance.length > 0 ? (
              <div className="table-wrap">
                <table className="table table--stacked" aria-label="Latency per operation">
                  <thead>
                    <tr>
                      <th scope="col">Service</th>
                      <th scope="col">Operation</th>
                      <th scope="col">Count</th>
                      <th scope="col">p50</th>
                      <th scope="col">p95</th>
                      <th scope="col">p99</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.performance.map((row) => (
                      <tr key={`${row.service}/${row.operation}`}>
                        <th scope="row">{row.service}</th>
                        <td>{row.operation}</td>
                        <td>{row.count}</td>
                        <td>{ms(row.p50Ms ?? null)}</td>
                        <td>{ms(row.p95Ms ?? null)}</td>
                        <td>{ms(row.p99Ms ?? null)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </Card>
          <Card title="Errors">
            {data.errors.nodes.length === 0 ? <EmptyState title="No errors reported." /> : null}
            {data.errors.nodes.length > 0 ? (
              <ul className="list" aria-label="Errors">
                {data.errors.nodes.map((group) => (
                  <li key={group.id}>
                    <strong>
                      {group.service} · {group.errorName}
                    </strong>{' '}
                    <span className="badge">{group.count}×</span>
                    <div>{group.template}</div>
                    <div className="muted">
                      Last {dateTimeText(group.lastSeenAt)}
                      {group.events[0]?.traceId ? (
                        <>
                          {' · '}
                          <TraceLink traceId={group.events[0].traceId} template={traceViewerUrl} />
                        </>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ul>
            ) : null}
          </Card>
        </>
      ) : null}
    </div>
  );
}
