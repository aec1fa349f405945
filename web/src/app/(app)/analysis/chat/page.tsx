import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ChatView } from '@/features/analysis/chat-view';
import { OwnPatientScope } from '@/features/record/patient-scope';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Ask about your record' };

export default function AnalysisChatPage(): ReactNode {
  return (
    <>
      <PageHeader
        title="Ask about your record"
        description="Quick questions answered from your record; every statement links to the records it came from."
      />
      <OwnPatientScope>
        <ChatView />
      </OwnPatientScope>
    </>
  );
}
