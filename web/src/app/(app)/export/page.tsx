import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ExportButton } from '@/features/record/export-view';
import { OwnPatientScope } from '@/features/record/patient-scope';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Export my record' };

export default function Page(): ReactNode {
  return (
    <>
      <PageHeader
        title="Export my record"
        description="Download everything as a FHIR R4 Bundle you can take to any provider."
      />
      <OwnPatientScope>
        <ExportButton />
      </OwnPatientScope>
    </>
  );
}
