'use client';

import { useQuery } from '@apollo/client/react';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { useRemainingPages } from '@/apollo/use-remaining-pages';
import { afterCursor, appendObservations, observationPageInfo } from './observation-pages';
import { usePatientScope } from './patient-scope';
import { PatientVitalsDocument } from './record-operations';
import { vitalCharts } from './vital-series';

const TimeSeriesChart = dynamic(
  () => import('@/charts/time-series-chart').then((module) => module.TimeSeriesChart),
  {
    ssr: false,
    loading: () => <LoadingState label="Drawing the chart…" />,
  },
);

/** Blood pressure, weight, BMI, heart rate and other vitals over time. */
export function VitalsView(): ReactNode {
  const { patientId, own } = usePatientScope();
  const { data, loading, error, refetch, fetchMore } = useQuery(PatientVitalsDocument, {
    variables: { id: patientId },
  });
  const { loadingMore } = useRemainingPages({
    data,
    fetchMore,
    pageInfo: observationPageInfo,
    after: afterCursor,
    append: appendObservations,
    maxPages: 20,
  });
  if ((loading && !data) || loadingMore) return <LoadingState label="Loading vital signs…" />;
  if (error && !data) return <QueryError error={error} onRetry={() => void refetch()} />;
  const charts = vitalCharts(data?.patient.observations.nodes ?? []);
  if (charts.length === 0) {
    return (
      <EmptyState
        title="No vital signs yet."
        action={
          own ? (
            <Link className="button" href="/import">
              Import a FHIR record
            </Link>
          ) : null
        }
      >
        Blood pressure, weight and other measurements arrive with an imported record.
      </EmptyState>
    );
  }
  return (
    <div className="grid grid--wide">
      {charts.map((chart) => (
        <Card key={chart.id} title={chart.title}>
          <TimeSeriesChart chart={chart} />
        </Card>
      ))}
    </div>
  );
}
