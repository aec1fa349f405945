'use client';

import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { conceptText, dateText } from '@/format/clinical-text';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { usePatientScope } from './patient-scope';
import { PatientTimelineDocument } from './record-operations';
import { byYear, timelineEntries } from './timeline-entries';

const KIND_LABEL = {
  Encounter: 'Visit',
  Procedure: 'Procedure',
  Immunization: 'Vaccination',
  Condition: 'Diagnosis',
};

export function TimelineView(): ReactNode {
  const { patientId } = usePatientScope();
  const { data, loading, error, refetch } = useQuery(PatientTimelineDocument, {
    variables: { id: patientId },
  });
  if (loading && !data) return <LoadingState label="Loading the timeline…" />;
  if (error && !data) return <QueryError error={error} onRetry={() => void refetch()} />;
  const patient = data?.patient;
  if (!patient) return null;
  const groups = byYear(
    timelineEntries({
      encounters: patient.encounters.nodes,
      procedures: patient.procedures.nodes,
      immunizations: patient.immunizations.nodes,
      conditions: patient.conditions.nodes,
    }),
  );
  if (groups.length === 0) return <EmptyState title="Nothing on the timeline yet." />;
  return (
    <div className="stack">
      {groups.map((group) => (
        <section key={group.year} className="card" aria-labelledby={`year-${group.year}`}>
          <h2 className="card__title" id={`year-${group.year}`}>
            {group.year}
          </h2>
          <ol className="list">
            {group.entries.map((entry) => (
              <li key={`${entry.kind}-${entry.id}`} id={`${entry.kind}-${entry.id}`} className="row">
                <span className="badge">{KIND_LABEL[entry.kind]}</span>
                <span>{conceptText(entry.title)}</span>
                <span className="muted">{dateText(entry.at)}</span>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
