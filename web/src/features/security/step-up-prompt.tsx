'use client';

import { useMutation, useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import type { StepUpPurpose } from '@/gql/graphql';
import { describeError } from '@/errors/error-info';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/text-field';
import {
  MyTotpStatusDocument,
  StartIdentityChallengeDocument,
  VerifyIdentityChallengeDocument,
} from './security-operations';
import { stepUpPurposeText } from './step-up-purpose';
import { awaitingStepUp, rememberVerifiedStepUp, takeStepUpRetry } from './verified-step-ups';

/** How often to retry while the record's service learns of the verified step-up. */
const RETRY_EVERY_MS = 500;

interface StepUpPromptProps {
  purpose: StepUpPurpose;
  /** Runs the refused request again. */
  onVerified: () => void;
}

/**
 * Shown where a request answered STEP_UP_REQUIRED: asks for the authenticator code, answers an identity
 * challenge, then retries the request until the service that refused it has heard of the step-up.
 */
export function StepUpPrompt({ purpose, onVerified }: StepUpPromptProps): ReactNode {
  const status = useQuery(MyTotpStatusDocument, { fetchPolicy: 'network-only' });
  const [start] = useMutation(StartIdentityChallengeDocument);
  const [verify, verifying] = useMutation(VerifyIdentityChallengeDocument);
  const [challengeId, setChallengeId] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [notEnrolled, setNotEnrolled] = useState(false);
  const [tick, setTick] = useState(0);

  // After a right code the refusing service learns of the step-up through an event: retry until it has. The page
  // may remount this prompt on each retry, so what was verified lives in a per-tab store, not in this component.
  useEffect(() => {
    if (!awaitingStepUp(purpose)) return;
    const timer = setTimeout(() => {
      if (!takeStepUpRetry(purpose)) return;
      onVerified();
      setTick((value) => value + 1);
    }, RETRY_EVERY_MS);
    return () => clearTimeout(timer);
  }, [purpose, tick, onVerified]);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setProblem(null);
    try {
      let id = challengeId;
      if (id === null) {
        const started = await start({ variables: { purpose } });
        id = started.data?.startIdentityChallenge.id ?? null;
        setChallengeId(id);
      }
      if (id === null) return;
      const verified = await verify({ variables: { id, code: code.trim() } });
      const validUntil = verified.data?.verifyIdentityChallenge.validUntil;
      if (validUntil) rememberVerifiedStepUp(purpose, validUntil);
      onVerified();
      setTick((value) => value + 1);
    } catch (caught) {
      const info = errorInfoFromApollo(caught);
      if (info.reason === 'TOTP_NOT_ENROLLED') setNotEnrolled(true);
      // A locked or expired challenge cannot be answered again: the next code starts a new one.
      if (info.reason === 'CHALLENGE_LOCKED' || info.reason === 'CHALLENGE_EXPIRED') setChallengeId(null);
      setProblem(describeError(info));
    }
  }

  if (notEnrolled || status.data?.myTotpStatus.enrolled === false) {
    return (
      <Alert tone="warning" title="Confirm it’s you.">
        {stepUpPurposeText(purpose)} needs a code from an authenticator app.{' '}
        <Link href="/account/security">Set one up under Security</Link>, then come back.
      </Alert>
    );
  }
  if (awaitingStepUp(purpose)) {
    return <Alert tone="info">Verified. Opening…</Alert>;
  }
  return (
    <form className="stack" onSubmit={(event) => void submit(event)} aria-label="Confirm it’s you">
      <Alert tone="warning" title="Confirm it’s you.">
        {stepUpPurposeText(purpose)} needs the code your authenticator app shows.
      </Alert>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <TextField
        label="Authenticator code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        value={code}
        onChange={(event) => setCode(event.target.value)}
      />
      <div>
        <Button type="submit" busy={verifying.loading}>
          Verify
        </Button>
      </div>
    </form>
  );
}
