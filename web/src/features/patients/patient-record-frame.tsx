'use client';

import type { ReactNode } from 'react';
import { OtherPatientScope } from '@/features/record/patient-scope';
import { PageHeader } from '@/ui/page-header';
import { PatientTabs } from './patient-tabs';

/** Someone else's record: scoped to their id, with section tabs above every page. */
export function PatientRecordFrame({
  patientId,
  children,
}: {
  patientId: string;
  children: ReactNode;
}): ReactNode {
  return (
    <OtherPatientScope patientId={patientId}>
      <PageHeader
        title="Patient record"
        description="Read-only view; every access is recorded in the audit log."
      />
      <PatientTabs patientId={patientId} />
      {children}
    </OtherPatientScope>
  );
}
