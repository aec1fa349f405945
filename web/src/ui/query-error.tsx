import type { ReactNode } from 'react';
import { describeError, type ErrorInfo } from '@/errors/error-info';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { Alert } from './alert';
import { Button } from './button';

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

/** A failed load explained in words, with a retry, instead of a blank page. */
export function QueryError({ error, onRetry }: QueryErrorProps): ReactNode {
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
      {loadProblem(errorInfoFromApollo(error))}
    </Alert>
  );
}
