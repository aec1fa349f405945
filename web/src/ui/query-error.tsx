import type { ReactNode } from 'react';
import { describeError } from '@/errors/error-info';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { Alert } from './alert';
import { Button } from './button';

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
      {describeError(errorInfoFromApollo(error))}
    </Alert>
  );
}
