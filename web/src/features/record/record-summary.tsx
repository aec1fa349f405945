'use client';

import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { conceptText, dateText, personName, quantityText } from '@/format/clinical-text';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { FlagBadge } from '@/ui/flag-badge';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { usePatientScope } from './patient-scope';
import { PatientSummaryDocument } from './record-operations';
import { latestVitals } from './vital-series';

/** Demographics, active problems, current medications, allergies, latest vitals and labs, recent vaccinations. */
export function RecordSummary(): ReactNode {
  const { patientId, basePath } = usePatientScope();
  const { data, loading, error, refetch } = useQuery(PatientSummaryDocument, {
    variables: { id: patientId },
  });
  if (loading && !data) return <LoadingState label="Loading the record…" />;
  if (error && !data) return <QueryError error={error} onRetry={() => void refetch()} />;
  const patient = data?.patient;
  if (!patient) return null;

  const activeConditions = patient.conditions.nodes.filter(
    (condition) => !condition.abatementAt && (condition.clinicalStatus ?? 'active') === 'active',
  );
  const currentMedications = patient.medications.nodes.filter((medication) => medication.status === 'active');
  const vitals = latestVitals(patient.vitals.nodes);

  return (
    <div className="grid">
      <Card title="About">
        <dl className="facts">
          <dt>Name</dt>
          <dd>{personName(patient.givenName, patient.familyName)}</dd>
          <dt>Born</dt>
          <dd>{dateText(patient.birthDate)}</dd>
          <dt>Sex</dt>
          <dd>{patient.gender ?? '—'}</dd>
          <dt>Lives in</dt>
          <dd>{[patient.city, patient.state].filter(Boolean).join(', ') || '—'}</dd>
        </dl>
      </Card>
      <Card title="Active conditions">
        {activeConditions.length === 0 ? (
          <EmptyState title="No active conditions recorded." />
        ) : (
          <ul className="list" aria-label="Active conditions">
            {activeConditions.map((condition) => (
              <li key={condition.id}>
                {conceptText(condition.display)}
                <span className="muted"> · since {dateText(condition.onsetAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Current medications">
        {currentMedications.length === 0 ? (
          <EmptyState title="No current medications recorded." />
        ) : (
          <ul className="list" aria-label="Current medications">
            {currentMedications.map((medication) => (
              <li key={medication.id}>
                {medication.display ?? 'Unnamed medication'}
                {medication.dosage ? <span className="muted"> · {medication.dosage}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Allergies">
        {patient.allergies.nodes.length === 0 ? (
          <EmptyState title="No allergies recorded." />
        ) : (
          <ul className="list" aria-label="Allergies">
            {patient.allergies.nodes.map((allergy) => (
              <li key={allergy.id}>
                {conceptText(allergy.display)}
                {allergy.criticality ? (
                  <span className="muted"> · {allergy.criticality} criticality</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Latest vitals" actions={<Link href={`${basePath}/vitals`}>Charts</Link>}>
        {vitals.length === 0 ? (
          <EmptyState title="No vital signs recorded." />
        ) : (
          <dl className="facts">
            {vitals.map((vital) => (
              <div key={vital.title} className="facts__row">
                <dt>{vital.title}</dt>
                <dd>
                  {vital.text} <span className="muted">· {dateText(new Date(vital.at).toISOString())}</span>
                </dd>
              </div>
            ))}
          </dl>
        )}
      </Card>
      <Card title="Latest labs" actions={<Link href={`${basePath}/labs`}>All labs</Link>}>
        {patient.labs.nodes.length === 0 ? (
          <EmptyState title="No lab results recorded." />
        ) : (
          <ul className="list" aria-label="Latest labs">
            {patient.labs.nodes.map((lab) => (
              <li key={lab.id} className="row row--spread">
                <span>
                  {lab.standardized?.shortName ?? lab.display}:{' '}
                  {lab.value != null
                    ? quantityText(lab.value, lab.standardized?.unitDisplay ?? lab.unit)
                    : (lab.valueString ?? '—')}
                </span>
                <FlagBadge flag={lab.standardized?.flag} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Recent immunizations" actions={<Link href={`${basePath}/timeline`}>Timeline</Link>}>
        {patient.immunizations.nodes.length === 0 ? (
          <EmptyState title="No immunizations recorded." />
        ) : (
          <ul className="list" aria-label="Recent immunizations">
            {patient.immunizations.nodes.map((immunization) => (
              <li key={immunization.id}>
                {immunization.display ?? 'Vaccination'}
                <span className="muted"> · {dateText(immunization.occurrenceAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
