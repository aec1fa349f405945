'use client';

import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { createContext, type ReactNode, useContext } from 'react';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { LiveRecordUpdates } from './live-record-updates';
import { MyPatientIdDocument } from './record-operations';

/** Whose record a page shows: the signed-in user's own, or one a clinician or admin opened. */
export interface PatientScope {
  patientId: string;
  own: boolean;
  /** Where this record's pages live: '' for your own, '/patients/<id>' for someone else's. */
  basePath: string;
}

const PatientScopeContext = createContext<PatientScope | null>(null);

export function usePatientScope(): PatientScope {
  const scope = useContext(PatientScopeContext);
  if (!scope) throw new Error('usePatientScope must be used inside a patient scope');
  return scope;
}

/** Someone else's record, by id from the route. */
export function OtherPatientScope({
  patientId,
  children,
}: {
  patientId: string;
  children: ReactNode;
}): ReactNode {
  return (
    <PatientScopeContext.Provider value={{ patientId, own: false, basePath: `/patients/${patientId}` }}>
      <LiveRecordUpdates patientId={patientId} />
      {children}
    </PatientScopeContext.Provider>
  );
}

/** The signed-in user's own record; until one exists, the page says how to create it. */
export function OwnPatientScope({ children, empty }: { children: ReactNode; empty?: ReactNode }): ReactNode {
  const { data, loading, error, refetch } = useQuery(MyPatientIdDocument);
  if (loading && !data) return <LoadingState label="Opening your record…" />;
  if (error && !data) return <QueryError error={error} onRetry={() => void refetch()} />;
  const patientId = data?.myPatient?.id;
  if (!patientId) {
    return (
      empty ?? (
        <EmptyState
          title="Your health record is empty."
          action={
            <Link className="button" href="/import">
              Import a FHIR record
            </Link>
          }
        >
          Import a FHIR Bundle file from your hospital or health app to see your conditions, medications, labs
          and vitals here.
        </EmptyState>
      )
    );
  }
  return (
    <PatientScopeContext.Provider value={{ patientId, own: true, basePath: '' }}>
      <LiveRecordUpdates patientId={patientId} />
      {children}
    </PatientScopeContext.Provider>
  );
}
