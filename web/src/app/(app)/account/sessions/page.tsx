import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SessionsList } from '@/features/account/sessions-list';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Account and sessions' };

export default function SessionsPage(): ReactNode {
  return (
    <>
      <PageHeader
        title="Account and sessions"
        description="Where you are signed in, and how to end those sessions."
      />
      <SessionsList />
    </>
  );
}
