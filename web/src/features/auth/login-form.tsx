'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useSession, useSessionManager } from '@/auth/session-context';
import { describeError, type ErrorInfo } from '@/errors/error-info';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/text-field';
import { safeNextPath } from './safe-next-path';

function loginProblem(error: ErrorInfo): string {
  if (error.code === 'UNAUTHENTICATED')
    return 'That email and password do not match an account. Check both and try again.';
  if (error.reason === 'account_locked') {
    return 'This account is locked for a while after too many failed sign-ins. Wait, then try again.';
  }
  if (error.reason === 'email_not_verified') {
    return 'Confirm your email address first: open the link we sent you, then sign in.';
  }
  return describeError(error);
}

export function LoginForm(): ReactNode {
  const router = useRouter();
  const params = useSearchParams();
  const session = useSessionManager();
  const state = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const next = safeNextPath(params.get('next'));

  useEffect(() => {
    if (state.status === 'signedIn') router.replace(next);
  }, [state.status, router, next]);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const failure = await session.signIn(email.trim(), password);
    setBusy(false);
    if (failure) {
      setError(failure);
      setPassword('');
    }
  }

  return (
    <>
      <h1>Sign in</h1>
      {params.get('reason') === 'expired' && !error ? (
        <Alert tone="info">Your session ended. Sign in again to continue where you left off.</Alert>
      ) : null}
      {params.get('verified') === '1' && !error ? (
        <Alert tone="success">Your email address is confirmed. You can sign in now.</Alert>
      ) : null}
      {error ? <Alert tone="error">{loginProblem(error)}</Alert> : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <Button type="submit" busy={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
      <p className="auth-card__footer">
        New to HoloVitals? <Link href="/register">Create an account</Link>
      </p>
    </>
  );
}
