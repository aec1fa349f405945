import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { DocumentsView } from '@/features/documents/documents-view';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Documents' };

export default function DocumentsPage(): ReactNode {
  return (
    <>
      <PageHeader
        title="Documents"
        description="Upload lab reports and letters; we read them and propose the results for your record."
      />
      <DocumentsView />
    </>
  );
}
