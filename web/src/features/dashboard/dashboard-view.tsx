'use client';

import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { CareGapsCard } from '@/features/analysis/care-gaps-card';
import { OwnPatientScope } from '@/features/record/patient-scope';
import { RecordSummary } from '@/features/record/record-summary';
import { Card } from '@/ui/card';
import { LoadingState } from '@/ui/loading-state';
import { PageHeader } from '@/ui/page-header';
import { QueryError } from '@/ui/query-error';
import { AccountSummary } from './account-summary';
import { DashboardAccountDocument } from './dashboard-operations';

export function DashboardView(): ReactNode {
  const { data, loading, error, refetch } = useQuery(DashboardAccountDocument);
  const account = data?.me;
  const caresForOthers = account?.roles.some((role) => role === 'CLINICIAN' || role === 'ADMIN') ?? false;
  return (
    <>
      <PageHeader
        title={account?.displayName ? `Hello, ${account.displayName}` : 'Your dashboard'}
        description="Your health at a glance."
      />
      {loading && !data ? <LoadingState label="Loading your dashboard…" /> : null}
      {error && !data ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {account ? (
        <div className="stack">
          {caresForOthers ? (
            <Card title="Patients">
              <p>Open the records of patients who shared them with you.</p>
              <Link className="button" href="/patients">
                Go to patients
              </Link>
            </Card>
          ) : (
            <OwnPatientScope>
              <RecordSummary />
              <CareGapsCard />
            </OwnPatientScope>
          )}
          <div className="grid">
            <AccountSummary account={account} />
          </div>
        </div>
      ) : null}
    </>
  );
}
