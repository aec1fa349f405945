import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ExportButton } from '@/features/record/export-view';
import { RecordSummary } from '@/features/record/record-summary';

export const metadata: Metadata = { title: 'Patient record' };

export default function Page(): ReactNode {
  return (
    <div className="stack">
      <RecordSummary />
      <ExportButton />
    </div>
  );
}
