'use client';

import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { usePatientScope } from '@/features/record/patient-scope';
import { Card } from '@/ui/card';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { CareGapsDocument } from './analysis-operations';
import { CitedStatement } from './cited-statement';

/** The dashboard's care gaps: overdue screenings and vaccines and results to follow up, from the rule analyzer. */
export function CareGapsCard(): ReactNode {
  const { patientId } = usePatientScope();
  const { data, loading, error, refetch } = useQuery(CareGapsDocument, { variables: { patientId } });
  const pieces = data?.missingPieces ?? [];
  return (
    <Card
      title="Care gaps"
      actions={
        <Link className="button button--secondary button--small" href="/analysis">
          Analyse
        </Link>
      }
    >
      {loading && !data ? <LoadingState label="Checking screenings and vaccines…" /> : null}
      {error && !data ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {data ? (
        <>
          <p className="muted">Found by the rule-based analyzer (no AI model), from your record.</p>
          {pieces.length === 0 ? (
            <p>Nothing due: your screenings, vaccines and latest results are in order.</p>
          ) : (
            <ul className="stack" data-testid="care-gaps">
              {pieces.map((piece) => (
                <CitedStatement key={piece.ruleId} text={piece.detail} citations={piece.citations} />
              ))}
            </ul>
          )}
        </>
      ) : null}
    </Card>
  );
}
