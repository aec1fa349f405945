'use client';

import type { ReactNode } from 'react';
import { useReportedError } from '@/errors/client-error-reporting';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';

/** A render error inside a page: explain, offer a retry, keep the navigation usable. */
export default function PageError({ error, reset }: { error: Error; reset: () => void }): ReactNode {
  useReportedError(error);
  return (
    <main className="shell__main">
      <Alert
        tone="error"
        title="This page could not be shown."
        actions={<Button onClick={reset}>Try again</Button>}
      >
        Something unexpected went wrong. Your data is safe; try again or go back to the dashboard.
      </Alert>
    </main>
  );
}
