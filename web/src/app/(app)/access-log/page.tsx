import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AccessLogView } from '@/features/consent/access-log-view';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Who accessed my record' };

export default function AccessLogPage(): ReactNode {
  return (
    <>
      <PageHeader
        title="Who accessed my record"
        description="Every read or change of your record by someone else, with the purpose you granted it for."
      />
      <AccessLogView />
    </>
  );
}
