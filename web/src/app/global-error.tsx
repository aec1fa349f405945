'use client';

import type { ReactNode } from 'react';

/** Last resort when the root layout itself fails: still a page that explains and offers a way back. */
export default function GlobalError({ reset }: { error: Error; reset: () => void }): ReactNode {
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
