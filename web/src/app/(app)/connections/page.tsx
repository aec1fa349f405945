import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { EhrConnections } from '@/features/ehr/ehr-connections';
import { RecordConflicts } from '@/features/ehr/record-conflicts';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Hospitals' };

export default function ConnectionsPage(): ReactNode {
  return (
    <>
      <PageHeader
        title="Hospitals"
        description="Connect your hospital’s patient portal; your records come in and stay up to date."
      />
      <RecordConflicts />
      <EhrConnections />
    </>
  );
}
