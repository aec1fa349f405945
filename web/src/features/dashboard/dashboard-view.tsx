'use client';

import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { PageHeader } from '@/ui/page-header';
import { QueryError } from '@/ui/query-error';
import { AccountSummary } from './account-summary';
import { DashboardAccountDocument } from './dashboard-operations';

export function DashboardView(): ReactNode {
  const { data, loading, error, refetch } = useQuery(DashboardAccountDocument);
  const account = data?.me;
  return (
    <>
      <PageHeader
        title={account?.displayName ? `Hello, ${account.displayName}` : 'Your dashboard'}
        description="Your health at a glance."
      />
      {loading && !data ? <LoadingState label="Loading your dashboard…" /> : null}
      {error && !data ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {account ? (
        <div className="grid">
          <AccountSummary account={account} />
          <Card title="Your health record">
            <EmptyState title="No health record here yet.">
              Conditions, medications, labs and vitals will show here once the health record service is
              connected to your account.
            </EmptyState>
          </Card>
        </div>
      ) : null}
    </>
  );
}
