import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { TimelineView } from '@/features/record/timeline-view';

export const metadata: Metadata = { title: 'Patient timeline' };

export default function Page(): ReactNode {
  return <TimelineView />;
}
