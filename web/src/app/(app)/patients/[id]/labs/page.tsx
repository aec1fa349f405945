import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { LabsView } from '@/features/record/labs-view';

export const metadata: Metadata = { title: 'Patient labs' };

export default function Page(): ReactNode {
  return <LabsView />;
}
