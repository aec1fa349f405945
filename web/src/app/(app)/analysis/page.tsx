import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AnalysisView } from '@/features/analysis/analysis-view';
import { OwnPatientScope } from '@/features/record/patient-scope';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Analysis' };

export default function AnalysisPage(): ReactNode {
  return (
    <>
      <PageHeader
        title="Analysis"
        description="Ask for an analysis of your record; every finding links to the records it came from."
      />
      <OwnPatientScope>
        <AnalysisView />
      </OwnPatientScope>
    </>
  );
}
