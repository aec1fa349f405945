'use client';

import { useMutation } from '@apollo/client/react';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { type ReactNode, useEffect, useRef } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { Alert } from '@/ui/alert';
import { LoadingState } from '@/ui/loading-state';
import { CompleteEhrConnectionDocument } from './ehr-operations';

/**
 * Where the hospital sends the patient back. A code is exchanged exactly once (codes and states are single use);
 * a denial or an error from the hospital is shown as it is, and nothing is connected.
 */
export function EhrCallback(): ReactNode {
  const params = useSearchParams();
  const state = params.get('state');
  const code = params.get('code');
  const denied = params.get('error');
  const [complete, { data, error }] = useMutation(CompleteEhrConnectionDocument);
  const sent = useRef(false);

  useEffect(() => {
    if (!state || !code || denied || sent.current) return;
    sent.current = true;
    void complete({ variables: { state, code } }).catch(() => undefined);
  }, [state, code, denied, complete]);

  if (denied) {
    return (
      <>
        <Alert tone="warning" title="Nothing was connected.">
          {denied === 'access_denied'
            ? 'You declined access at the hospital.'
            : `The hospital answered: ${params.get('error_description') ?? denied}`}
        </Alert>
        <Link href="/connections">Back to your hospitals</Link>
      </>
    );
  }
  if (!state || !code) {
    return (
      <Alert tone="error" title="This page needs the hospital’s answer.">
        Start again from your hospitals.
      </Alert>
    );
  }
  if (error) {
    return (
      <>
        <Alert tone="error" title="The connection could not be completed.">
          {describeError(errorInfoFromApollo(error))}
        </Alert>
        <Link href="/connections">Back to your hospitals</Link>
      </>
    );
  }
  if (data) {
    return (
      <>
        <Alert tone="success">
          {data.completeEhrConnection.provider?.name ?? 'The hospital'} is connected.
        </Alert>
        <Link className="button" href="/connections">
          See your hospitals
        </Link>
      </>
    );
  }
  return <LoadingState label="Finishing the connection…" />;
}
