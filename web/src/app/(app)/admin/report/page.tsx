import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ComplianceReportView } from '@/features/admin/compliance-report-view';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Compliance report' };

export default function ComplianceReportPage(): ReactNode {
  return (
    <>
      <PageHeader
        title="Compliance report"
        description="Accesses, denials, alerts and the audit chain's state for a date range."
      />
      <ComplianceReportView />
    </>
  );
}
