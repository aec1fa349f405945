import type { Metadata } from 'next';
import { type ReactNode, Suspense } from 'react';
import { EhrCallback } from '@/features/ehr/ehr-callback';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Connecting your hospital' };

export default function EhrCallbackPage(): ReactNode {
  return (
    <>
      <PageHeader
        title="Connecting your hospital"
        description="The hospital has sent you back to HoloVitals."
      />
      <Suspense>
        <EhrCallback />
      </Suspense>
    </>
  );
}
