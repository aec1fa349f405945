import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { TotpEnrollment } from '@/features/security/totp-enrollment';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Security' };

export default function SecurityPage(): ReactNode {
  return (
    <>
      <PageHeader
        title="Security"
        description="An authenticator app confirms it is you before sensitive actions."
      />
      <TotpEnrollment />
    </>
  );
}
