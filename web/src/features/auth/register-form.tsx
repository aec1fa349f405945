'use client';

import { useMutation } from '@apollo/client/react';
import Link from 'next/link';
import { type FormEvent, type ReactNode, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError, type ErrorInfo } from '@/errors/error-info';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/text-field';
import { RegisterDocument, ResendVerificationDocument } from './register-operations';

export function RegisterForm(): ReactNode {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [registeredEmail, setRegisteredEmail] = useState<string | null>(null);
  const [register, { loading }] = useMutation(RegisterDocument);
  const [resend, resendState] = useMutation(ResendVerificationDocument);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setError(null);
    try {
      const result = await register({
        variables: { input: { email: email.trim(), password, displayName: displayName.trim() || null } },
      });
      setRegisteredEmail(result.data?.register.email ?? email.trim());
    } catch (caught) {
      setError(errorInfoFromApollo(caught));
    }
  }

  if (registeredEmail) {
    return (
      <>
        <h1>Check your email</h1>
        <Alert tone="success">
          Your account is created. We sent a confirmation link to <strong>{registeredEmail}</strong>.
        </Alert>
        <p>Open the link to confirm your address, then sign in.</p>
        {resendState.data ? <Alert tone="info">A new link is on its way.</Alert> : null}
        {resendState.error ? (
          <Alert tone="error">{describeError(errorInfoFromApollo(resendState.error))}</Alert>
        ) : null}
        <div className="row">
          <Link className="button" href="/login">
            Go to sign in
          </Link>
          <Button
            variant="secondary"
            busy={resendState.loading}
            onClick={() => void resend({ variables: { email: registeredEmail } }).catch(() => undefined)}
          >
            Send the link again
          </Button>
        </div>
      </>
    );
  }

  return (
    <>
      <h1>Create your account</h1>
      {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          error={error?.fieldErrors.email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <TextField
          label="Your name"
          hint="Optional. Shown in the app."
          name="displayName"
          autoComplete="name"
          value={displayName}
          error={error?.fieldErrors.displayName}
          onChange={(event) => setDisplayName(event.target.value)}
        />
        <TextField
          label="Password"
          hint="At least 10 characters, with a letter and a digit or symbol."
          type="password"
          name="password"
          autoComplete="new-password"
          required
          value={password}
          error={error?.fieldErrors.password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <Button type="submit" busy={loading}>
          {loading ? 'Creating account…' : 'Create account'}
        </Button>
      </form>
      <p className="auth-card__footer">
        Already have an account? <Link href="/login">Sign in</Link>
      </p>
    </>
  );
}
