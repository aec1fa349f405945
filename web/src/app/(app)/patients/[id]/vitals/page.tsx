import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { VitalsView } from '@/features/record/vitals-view';

export const metadata: Metadata = { title: 'Patient vitals' };

export default function Page(): ReactNode {
  return <VitalsView />;
}
