import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ImportView } from '@/features/record/import-view';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Import a record' };

export default function Page(): ReactNode {
  return (
    <>
      <PageHeader
        title="Import a record"
        description="Bring in a FHIR record from a hospital, portal or health app."
      />
      <ImportView />
    </>
  );
}
