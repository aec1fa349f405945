import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { MyRightsRequests } from '@/features/rights/my-rights-requests';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Privacy rights requests' };

export default function RightsPage(): ReactNode {
  return (
    <>
      <PageHeader
        title="Privacy rights requests"
        description="Ask for a copy, a correction, a list of disclosures, a restriction or another way to reach you. We answer within 30 days (60 if we tell you why we need more time)."
      />
      <MyRightsRequests />
    </>
  );
}
