import type { ReactNode } from 'react';
import { describeError, type ErrorInfo } from '@/errors/error-info';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { Alert } from './alert';
import { Button } from './button';
import { StepUpPrompt } from '@/features/security/step-up-prompt';
import { isStepUpPurpose } from '@/features/security/step-up-purpose';

// A rejected read is our bug, not the user's input: do not point them at fields they never filled in.
function loadProblem(info: ErrorInfo): string {
  if (info.code === 'BAD_USER_INPUT')
    return 'HoloVitals could not answer this request. Try again; if it keeps happening, contact support.';
  return describeError(info);
}

interface QueryErrorProps {
  error: unknown;
  onRetry?: () => void;
}

/**
 * A failed load explained in words, with a retry, instead of a blank page; a load refused for want of a step-up
 * asks for the authenticator code instead, and retries once it is verified.
 */
export function QueryError({ error, onRetry }: QueryErrorProps): ReactNode {
  const info = errorInfoFromApollo(error);
  if (isStepUpPurpose(info.stepUpPurpose) && onRetry) {
    return <StepUpPrompt purpose={info.stepUpPurpose} onVerified={onRetry} />;
  }
  return (
    <Alert
      tone="error"
      title="Could not load this."
      actions={
        onRetry ? (
          <Button variant="secondary" small onClick={onRetry}>
            Try again
          </Button>
        ) : null
      }
    >
      {loadProblem(info)}
    </Alert>
  );
}
