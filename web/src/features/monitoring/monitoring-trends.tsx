'use client';

import { useQuery } from '@apollo/client/react';
import { type ReactNode, useEffect, useState } from 'react';
import { Sparkline } from '@/charts/sparkline';
import { Alert } from '@/ui/alert';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { lastHour } from './metric-windows';
import { MonitoringTrendsDocument } from './monitoring-operations';
import { queueDepths, queueWaitingTrends } from './queue-depths';
import { errorRateTrends, p95LatencyTrends, type ServiceTrend } from './service-trends';

/** Metrics are scraped every 15 s and kept per minute: a new hour (ending now) every 30 s keeps the charts current. */
const TRENDS_REFRESH_MS = 30_000;

/** The monitoring subgraph's `MAX_SAMPLES`: a `metrics` answer this large was cut, later processes left out. */
const SAMPLES_PER_ANSWER = 20_000;

const sampleCount = (series: ReadonlyArray<{ samples: readonly unknown[] }>): number =>
  series.reduce((sum, one) => sum + one.samples.length, 0);

const latest = (values: ReadonlyArray<number | null>): number | null =>
  values.findLast((value) => value !== null) ?? null;

const msText = (value: number | null): string =>
  value === null ? 'no operations' : `${value.toFixed(value < 10 ? 1 : 0)} ms`;

const rateText = (value: number | null): string =>
  value === null ? 'no operations' : `${(value * 100).toFixed(value > 0 && value < 0.01 ? 2 : 1)} %`;

function TrendTable({
  label,
  trends,
  text,
  scaleAtLeast,
}: {
  label: string;
  trends: ServiceTrend[];
  text: (value: number | null) => string;
  scaleAtLeast?: number;
}): ReactNode {
  if (trends.length === 0) return <EmptyState title="No operations measured in the last hour." />;
  return (
    <div className="table-wrap">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Last hour (5-minute steps)</th>
            <th scope="col">Latest</th>
          </tr>
        </thead>
        <tbody>
          {trends.map((trend) => (
            <tr key={trend.service} data-service={trend.service}>
              <th scope="row">{trend.service}</th>
              <td>
                <Sparkline
                  label={`${label}, ${trend.service}, last hour: ${trend.values.map(text).join(', ')}`}
                  values={trend.values}
                  scaleAtLeast={scaleAtLeast}
                />
              </td>
              <td>{text(latest(trend.values))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** p95 latency and error rate per process and waiting jobs per queue over the last hour, as inline SVG lines. */
export function MonitoringTrends(): ReactNode {
  const [range, setRange] = useState(() => lastHour(Date.now()));
  useEffect(() => {
    const timer = setInterval(() => setRange(lastHour(Date.now())), TRENDS_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const current = useQuery(MonitoringTrendsDocument, { variables: { from: range.from, to: range.to } });
  const { loading, error, refetch } = current;
  // The previous hour stays drawn while the next one loads (a minute apart at most), instead of flashing empty.
  const data = current.data ?? current.previousData;
  if (loading && !data) return <LoadingState label="Loading the last hour…" />;
  if (error && !data) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  const latency = p95LatencyTrends(data.latencyBuckets, range.windows);
  const errorRate = errorRateTrends(data.operations, range.windows);
  const waitingByQueue = new Map(
    queueWaitingTrends(data.queues, range.windows).map((trend) => [`${trend.service}|${trend.queue}`, trend]),
  );
  const queues = queueDepths(data.queues);
  const cut = [data.latencyBuckets, data.operations, data.queues].some(
    (series) => sampleCount(series) >= SAMPLES_PER_ANSWER,
  );
  return (
    <>
      {cut ? (
        <Alert tone="warning">
          The last hour has more samples than one answer holds: some services or queues are missing below.
        </Alert>
      ) : null}
      <Card title="p95 latency per service, last hour">
        <TrendTable label="p95 latency" trends={latency} text={msText} />
      </Card>
      <Card title="Error rate per service, last hour">
        {/* A few failed operations should not look like an outage: the scale reaches at least 5 %. */}
        <TrendTable label="Error rate" trends={errorRate} text={rateText} scaleAtLeast={0.05} />
      </Card>
      <Card title="Queues, last hour">
        {queues.length === 0 ? <EmptyState title="No queue metrics in the last hour." /> : null}
        {queues.length > 0 ? (
          <ul className="list" aria-label="Queues">
            {queues.map((queue) => {
              const waiting = waitingByQueue.get(`${queue.service}|${queue.queue}`)?.waiting ?? [];
              return (
                <li key={`${queue.service}/${queue.queue}`} className="row row--spread">
                  <div>
                    <strong>{queue.queue}</strong> <span className="muted">({queue.service})</span>:{' '}
                    {queue.waiting} waiting, {queue.failed} failed, {queue.deadLetter} dead-lettered
                  </div>
                  <Sparkline
                    label={`Waiting jobs, ${queue.queue}, last hour: ${waiting
                      .map((value) => (value === null ? 'not scraped' : String(value)))
                      .join(', ')}`}
                    values={waiting}
                  />
                </li>
              );
            })}
          </ul>
        ) : null}
      </Card>
    </>
  );
}
