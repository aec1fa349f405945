import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AuditLogSearch } from '@/features/admin/audit-log-search';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Audit log' };

export default function AuditLogPage(): ReactNode {
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every read and write of health data, append-only and hash-chained."
      />
      <AuditLogSearch />
    </>
  );
}
