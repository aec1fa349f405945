'use client';

import { useQuery } from '@apollo/client/react';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { dateText, quantityText } from '@/format/clinical-text';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { FlagBadge } from '@/ui/flag-badge';
import { LoadingState } from '@/ui/loading-state';
import { PageHeader } from '@/ui/page-header';
import { QueryError } from '@/ui/query-error';
import { useRemainingPages } from '@/apollo/use-remaining-pages';
import { afterCursor, appendObservations, observationPageInfo } from './observation-pages';
import { labReferenceRange } from './lab-reference-range';
import { usePatientScope } from './patient-scope';
import { LabHistoryDocument, LabLatestDetailDocument } from './record-operations';

// recharts is the heaviest dependency; load it only where a chart is drawn.
const TimeSeriesChart = dynamic(
  () => import('@/charts/time-series-chart').then((module) => module.TimeSeriesChart),
  {
    ssr: false,
    loading: () => <LoadingState label="Drawing the chart…" />,
  },
);

/** One lab test: its latest standardized result and flag, its history as a chart and a table. */
export function LabDetail({ code }: { code: string }): ReactNode {
  const { patientId, basePath } = usePatientScope();
  const { data, loading, error, refetch, fetchMore } = useQuery(LabHistoryDocument, {
    variables: { id: patientId, code },
  });
  // Kept apart from the history so each query stays under the gateway's cost limit.
  const latestDetail = useQuery(LabLatestDetailDocument, { variables: { id: patientId, code } });
  const { loadingMore } = useRemainingPages({
    data,
    fetchMore,
    pageInfo: observationPageInfo,
    after: afterCursor,
    append: appendObservations,
    maxPages: 10,
  });
  if ((loading && !data) || loadingMore) return <LoadingState label="Loading this test…" />;
  if (error && !data) return <QueryError error={error} onRetry={() => void refetch()} />;
  const results = data?.patient.observations.nodes ?? [];
  const latest = results[results.length - 1];
  if (!latest) {
    return (
      <>
        <PageHeader title="Lab test" />
        <EmptyState
          title="No results for this test."
          action={<Link href={`${basePath}/labs`}>Back to labs</Link>}
        />
      </>
    );
  }
  const standardized = latest.standardized;
  const latestSource = latestDetail.data?.patient.observations.nodes[0];
  const detail = latestSource?.standardized;
  // Plot standardized values so results reported in different units share one axis.
  const chartUnit = standardized?.normalizedUnit ?? latest.unit ?? '';
  const chartUnitText = standardized?.normalizedUnitDisplay ?? standardized?.unitDisplay ?? chartUnit;
  // The heading keeps the full LOINC name; the chart and its legend use the name people read.
  const shortName = standardized?.shortName ?? latest.display;
  const points = results.flatMap((result) => {
    const normalized =
      result.standardized?.normalizedUnit === chartUnit ? result.standardized.normalizedValue : null;
    const value = normalized ?? (result.unit === chartUnit ? result.value : null);
    return value != null && result.effectiveAt ? [{ time: Date.parse(result.effectiveAt), value }] : [];
  });
  return (
    <>
      <PageHeader
        title={latest.display}
        description={`${latestSource?.codeSystem.includes('loinc') === false ? latestSource.codeSystem : 'LOINC'} ${latest.code}`}
        actions={<Link href={`${basePath}/labs`}>All labs</Link>}
      />
      <div className="stack">
        <Card title="Latest result">
          <dl className="facts" aria-label="Latest result">
            <dt>As reported</dt>
            <dd>
              {latest.value != null
                ? quantityText(latest.value, standardized?.unitDisplay ?? latest.unit)
                : (latest.valueString ?? '—')}
            </dd>
            <dt>Standardized</dt>
            <dd data-testid="standardized-value">
              {standardized?.normalizedValue != null
                ? quantityText(standardized.normalizedValue, standardized.normalizedUnitDisplay)
                : detail?.value != null
                  ? quantityText(detail.value, detail.unitDisplay ?? detail.unit)
                  : 'Not available'}
            </dd>
            <dt>LOINC concept</dt>
            <dd>
              {standardized?.loincCode
                ? `${standardized.loincCode} · ${detail?.loincDisplay ?? ''}`
                : 'Not matched to LOINC'}
            </dd>
            <dt>Reference range</dt>
            <dd>{latestSource ? labReferenceRange(latestSource) : '—'}</dd>
            <dt>Flag</dt>
            <dd data-testid="lab-flag">
              <FlagBadge flag={standardized?.flag} />
            </dd>
            <dt>Date</dt>
            <dd>{dateText(latest.effectiveAt)}</dd>
          </dl>
          {detail ? (
            <p className="muted">
              LOINC match: {detail.matchReason} · confidence {Math.round(detail.confidence * 100)}%
            </p>
          ) : null}
          {detail && detail.warnings.length > 0 ? (
            <ul className="muted">
              {detail.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          ) : null}
        </Card>
        {points.length > 0 ? (
          <Card title="Over time">
            <TimeSeriesChart
              chart={{
                id: `lab-${latest.code}`,
                title: shortName,
                unit: chartUnitText,
                lines: [{ key: 'value', label: shortName }],
                points,
              }}
            />
          </Card>
        ) : null}
        <Card title={`All results (${results.length})`}>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Result</th>
                  <th scope="col">Standardized</th>
                  <th scope="col">Flag</th>
                </tr>
              </thead>
              <tbody>
                {[...results].reverse().map((result) => (
                  <tr key={result.id}>
                    <td>{dateText(result.effectiveAt)}</td>
                    <td>
                      {result.value != null
                        ? quantityText(result.value, result.standardized?.unitDisplay ?? result.unit)
                        : (result.valueString ?? '—')}
                    </td>
                    <td>
                      {result.standardized?.normalizedValue != null
                        ? quantityText(
                            result.standardized.normalizedValue,
                            result.standardized.normalizedUnitDisplay,
                          )
                        : '—'}
                    </td>
                    <td>
                      <FlagBadge flag={result.standardized?.flag} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      </div>
    </>
  );
}
