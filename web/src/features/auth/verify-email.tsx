'use client';

import { useMutation } from '@apollo/client/react';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { type ReactNode, useEffect, useRef } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { Alert } from '@/ui/alert';
import { LoadingState } from '@/ui/loading-state';
import { VerifyEmailDocument } from './register-operations';

/** Confirms the address from the emailed link; a token works once, so the call is made exactly once. */
export function VerifyEmail(): ReactNode {
  const token = useSearchParams().get('token');
  const [verify, { data, error, called }] = useMutation(VerifyEmailDocument);
  const sent = useRef(false);

  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    void verify({ variables: { token } }).catch(() => undefined);
  }, [token, verify]);

  if (!token) {
    return (
      <Alert tone="error" title="This link is incomplete.">
        Open the link from your email again, or copy the whole address into the browser.
      </Alert>
    );
  }
  if (error) {
    const info = errorInfoFromApollo(error);
    return (
      <>
        <Alert tone="error" title="We could not confirm your email.">
          {info.code === 'BAD_USER_INPUT' || info.code === 'NOT_FOUND'
            ? 'This link has expired or was already used. Sign in: if your address still needs confirming, your dashboard can send a new link.'
            : describeError(info)}
        </Alert>
        <Link href="/login">Go to sign in</Link>
      </>
    );
  }
  if (data?.verifyEmail.emailVerified) {
    return (
      <>
        <Alert tone="success">Your email address is confirmed.</Alert>
        <Link className="button" href="/login?verified=1">
          Sign in
        </Link>
      </>
    );
  }
  return <LoadingState label={called ? 'Confirming your email…' : 'Preparing…'} />;
}
