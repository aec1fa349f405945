import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { RightsRequestQueue } from '@/features/rights/rights-request-queue';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Rights requests' };

export default function RightsRequestsAdminPage(): ReactNode {
  return (
    <>
      <PageHeader
        title="Rights requests"
        description="Patients' privacy rights requests against their HIPAA clock: 30 days, one documented 30-day extension."
      />
      <RightsRequestQueue />
    </>
  );
}
