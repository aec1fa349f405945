import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { OwnPatientScope } from '@/features/record/patient-scope';
import { LabsView } from '@/features/record/labs-view';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Labs' };

export default function Page(): ReactNode {
  return (
    <>
      <PageHeader
        title="Labs"
        description="Your latest result for each test, standardized to LOINC and common units."
      />
      <OwnPatientScope>
        <LabsView />
      </OwnPatientScope>
    </>
  );
}
