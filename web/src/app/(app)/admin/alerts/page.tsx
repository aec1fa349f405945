import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SecurityAlertsList } from '@/features/admin/security-alerts-list';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Security alerts' };

export default function SecurityAlertsPage(): ReactNode {
  return (
    <>
      <PageHeader title="Security alerts" description="Suspicious patterns found in the audit trail." />
      <SecurityAlertsList />
    </>
  );
}
