'use client';

import { useApolloClient, useSubscription } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { PatientRecordChangedDocument } from './record-operations';

/**
 * Keeps the record pages (dashboard, labs, vitals, timeline) current without a reload: when the gateway says this
 * record changed (an import, a hand entry, an EHR sync), the queries on screen are fetched again. The change
 * message itself carries no health data, only what kind of records changed.
 */
export function LiveRecordUpdates({ patientId }: { patientId: string }): ReactNode {
  const client = useApolloClient();
  useSubscription(PatientRecordChangedDocument, {
    variables: { patientId },
    onData: () => void client.refetchQueries({ include: 'active' }),
  });
  return null;
}
