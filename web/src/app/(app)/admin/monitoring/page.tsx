import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { MonitoringDashboard } from '@/features/monitoring/monitoring-dashboard';
import { loadWebConfig } from '@/server/web-config';
import { PageHeader } from '@/ui/page-header';

export const metadata: Metadata = { title: 'Monitoring' };

export default function MonitoringPage(): ReactNode {
  return (
    <>
      <PageHeader
        title="Monitoring"
        description="Every service and worker, live: health, open alerts, latency, queues and errors."
      />
      <MonitoringDashboard traceViewerUrl={loadWebConfig().traceViewerUrl} />
    </>
  );
}
