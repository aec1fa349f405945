'use client';

import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { dateText, quantityText } from '@/format/clinical-text';
import { EmptyState } from '@/ui/empty-state';
import { FlagBadge } from '@/ui/flag-badge';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { useRemainingPages } from '@/apollo/use-remaining-pages';
import { afterCursor, appendObservations, observationPageInfo } from './observation-pages';
import { usePatientScope } from './patient-scope';
import { PatientLabsDocument } from './record-operations';

const MAX_LAB_PAGES = 10;

/** The latest result of each lab test, standardized (LOINC, canonical unit) and flagged against its range. */
export function LabsView(): ReactNode {
  const { patientId, basePath, own } = usePatientScope();
  const { data, loading, error, refetch, fetchMore } = useQuery(PatientLabsDocument, {
    variables: { id: patientId },
  });
  const { truncated } = useRemainingPages({
    data,
    fetchMore,
    pageInfo: observationPageInfo,
    after: afterCursor,
    append: appendObservations,
    maxPages: MAX_LAB_PAGES,
  });
  if (loading && !data) return <LoadingState label="Loading lab results…" />;
  if (error && !data) return <QueryError error={error} onRetry={() => void refetch()} />;
  const observations = data?.patient.observations.nodes ?? [];
  const latestByCode = new Map<string, (typeof observations)[number]>();
  for (const observation of observations) {
    if (!latestByCode.has(observation.code)) latestByCode.set(observation.code, observation);
  }
  // Listed, and so sorted, by the name people read.
  const shownName = (lab: (typeof observations)[number]): string =>
    lab.standardized?.shortName ?? lab.display;
  const latest = [...latestByCode.values()].sort((a, b) => shownName(a).localeCompare(shownName(b)));
  if (latest.length === 0) {
    return (
      <EmptyState
        title="No lab results yet."
        action={
          own ? (
            <Link className="button" href="/import">
              Import a FHIR record
            </Link>
          ) : null
        }
      >
        Lab results arrive with an imported record.
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table table--stacked">
        <caption className="visually-hidden">Latest result of each lab test</caption>
        <thead>
          <tr>
            <th scope="col">Test</th>
            <th scope="col">Result</th>
            <th scope="col">Standardized</th>
            <th scope="col">Flag</th>
            <th scope="col">Date</th>
          </tr>
        </thead>
        <tbody>
          {latest.map((lab) => (
            <tr key={lab.id}>
              <th scope="row">
                <Link href={`${basePath}/labs/${encodeURIComponent(lab.code)}`}>{shownName(lab)}</Link>
              </th>
              <td data-label="Result">
                {lab.value != null
                  ? quantityText(lab.value, lab.standardized?.unitDisplay ?? lab.unit)
                  : (lab.valueString ?? '—')}
              </td>
              <td data-label="Standardized">
                {lab.standardized?.normalizedValue != null
                  ? quantityText(lab.standardized.normalizedValue, lab.standardized.normalizedUnitDisplay)
                  : '—'}
                {lab.standardized?.loincCode ? (
                  <div className="muted">LOINC {lab.standardized.loincCode}</div>
                ) : null}
              </td>
              <td data-label="Flag">
                <FlagBadge flag={lab.standardized?.flag} />
              </td>
              <td data-label="Date">{dateText(lab.effectiveAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {truncated ? (
        <p className="muted">Showing tests from the {MAX_LAB_PAGES * 100} most recent results.</p>
      ) : null}
    </div>
  );
}
