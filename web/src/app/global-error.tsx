'use client';

import { type ReactNode, useEffect } from 'react';
import { createRootErrorReporter } from '@/errors/root-error-report';

const reportRootError = createRootErrorReporter((url, init) => fetch(url, init));

/** Last resort when the root layout itself fails: still a page that explains and offers a way back; reported once. */
export default function GlobalError({ error, reset }: { error: Error; reset: () => void }): ReactNode {
  useEffect(() => {
    reportRootError(error, window.location.pathname);
  }, [error]);
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
        <title>Something went wrong · HoloVitals</title>
        <h1>Something went wrong</h1>
        <p>
          HoloVitals could not show this page. Try again; if it keeps happening, come back in a few minutes.
        </p>
        <button type="button" onClick={reset}>
          Try again
        </button>
      </body>
    </html>
  );
}
