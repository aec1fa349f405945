import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { OwnPatientScope } from '@/features/record/patient-scope';
import { TimelineView } from '@/features/record/timeline-view';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Timeline' };

export default function Page(): ReactNode {
  return (
    <>
      <PageHeader
        title="Timeline"
        description="Visits, procedures, vaccinations and diagnoses, newest first."
      />
      <OwnPatientScope>
        <TimelineView />
      </OwnPatientScope>
    </>
  );
}
