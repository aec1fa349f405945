'use client';

import { useMutation, useQuery } from '@apollo/client/react';
import { type ReactNode, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { dateTimeText } from '@/format/date-time-text';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import type { ConflictChoice } from '@/gql/graphql';
import { RecordConflictsDocument, ResolveRecordConflictDocument } from './record-conflict-operations';

/**
 * Records the patient edited that their hospital has changed since: the patient's version stays until they keep
 * it or take the hospital's. Hidden when there is nothing to resolve.
 */
export function RecordConflicts(): ReactNode {
  const conflicts = useQuery(RecordConflictsDocument, { pollInterval: 10_000 });
  const [resolve] = useMutation(ResolveRecordConflictDocument);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = conflicts.data?.myPatient?.recordConflicts ?? [];
  if (list.length === 0) return null;

  async function choose(id: string, keep: ConflictChoice): Promise<void> {
    setPending(id);
    setError(null);
    try {
      await resolve({ variables: { id, keep } });
      await conflicts.refetch();
    } catch (caught) {
      setError(describeError(errorInfoFromApollo(caught)));
    } finally {
      setPending(null);
    }
  }

  return (
    <Card title="Your edits that differ from your hospital’s records">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <ul className="list" aria-label="Record conflicts">
        {list.map((conflict) => (
          <li key={conflict.id} className="row row--spread">
            <div>
              <strong>{conflict.recordType}</strong> you edited was changed at {conflict.syncedFrom}
              <div className="muted">
                Hospital version
                {conflict.incomingLastUpdated ? ` of ${dateTimeText(conflict.incomingLastUpdated)}` : ''},
                found {dateTimeText(conflict.detectedAt)}
              </div>
            </div>
            <div className="row">
              <Button small busy={pending === conflict.id} onClick={() => void choose(conflict.id, 'MINE')}>
                Keep mine
              </Button>
              <Button
                small
                variant="secondary"
                busy={pending === conflict.id}
                onClick={() => void choose(conflict.id, 'THEIRS')}
              >
                Use the hospital’s
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
