import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { AnalysisView } from '@/features/analysis/analysis-view';
import { OwnPatientScope } from '@/features/record/patient-scope';
import { buttonClassName } from '@/ui/button';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Analysis' };

export default function AnalysisPage(): ReactNode {
  return (
    <>
      <PageHeader
        title="Analysis"
        description="Ask for an analysis of your record; every finding links to the records it came from."
        actions={
          <Link className={buttonClassName('secondary')} href="/analysis/chat">
            Ask a quick question
          </Link>
        }
      />
      <OwnPatientScope>
        <AnalysisView />
      </OwnPatientScope>
    </>
  );
}
