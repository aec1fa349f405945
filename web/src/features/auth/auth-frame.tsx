import Link from 'next/link';
import type { ReactNode } from 'react';

/** The narrow centred card every signed-out page uses. */
export function AuthFrame({ children }: { children: ReactNode }): ReactNode {
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <Link href="/login" className="auth-card__brand">
          HoloVitals
        </Link>
        {children}
      </div>
    </main>
  );
}
