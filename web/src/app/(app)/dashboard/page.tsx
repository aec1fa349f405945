import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { DashboardView } from '@/features/dashboard/dashboard-view';

export const metadata: Metadata = { title: 'Dashboard' };

export default function DashboardPage(): ReactNode {
  return <DashboardView />;
}
