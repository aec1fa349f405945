import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ConsentManager } from '@/features/consent/consent-manager';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Sharing' };

export default function SharingPage(): ReactNode {
  return (
    <>
      <PageHeader
        title="Sharing"
        description="Who may see or change your record, why, and until when. Revoking stops their next request."
      />
      <ConsentManager />
    </>
  );
}
