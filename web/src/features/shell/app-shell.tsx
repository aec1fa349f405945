'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { type ReactNode, useEffect, useState } from 'react';
import { useSession, useSessionManager } from '@/auth/session-context';
import { describeError } from '@/errors/error-info';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { LoadingState } from '@/ui/loading-state';
import { RecordSwitcher } from '@/features/consent/record-switcher';
import { isCurrent, navigationFor } from './navigation';

/** Header, navigation and the signed-in guard around every private page. */
export function AppShell({ children }: { children: ReactNode }): ReactNode {
  const state = useSession();
  const session = useSessionManager();
  const router = useRouter();
  const pathname = usePathname();
  const [menuOpen, setMenuOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);

  useEffect(() => {
    if (state.status !== 'signedOut') return;
    const params = new URLSearchParams();
    if (state.reason !== 'signedOut') params.set('next', pathname);
    if (state.reason === 'expired') params.set('reason', 'expired');
    const query = params.toString();
    router.replace(query ? `/login?${query}` : '/login');
  }, [state, pathname, router]);

  useEffect(() => setMenuOpen(false), [pathname]);

  if (state.status === 'unavailable') {
    return (
      <main className="shell__main">
        <Alert
          tone="error"
          title="HoloVitals is not reachable."
          actions={<Button onClick={() => void session.restore()}>Try again</Button>}
        >
          {describeError(state.error)}
        </Alert>
      </main>
    );
  }
  if (state.status !== 'signedIn') {
    return (
      <main className="shell__main">
        <LoadingState
          label={state.status === 'restoring' ? 'Opening your record…' : 'Redirecting to sign in…'}
        />
      </main>
    );
  }

  async function signOut(): Promise<void> {
    setSigningOut(true);
    await session.signOut();
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell__header">
        <div className="shell__bar">
          <Link href="/dashboard" className="shell__brand">
            HoloVitals
          </Link>
          <RecordSwitcher ownRecord={state.user.roles.includes('PATIENT')} />
          <button
            type="button"
            className="button button--secondary button--small shell__menu-button"
            aria-expanded={menuOpen}
            aria-controls="primary-navigation"
            onClick={() => setMenuOpen((open) => !open)}
          >
            Menu
          </button>
          <nav
            id="primary-navigation"
            aria-label="Main"
            className={menuOpen ? 'shell__nav shell__nav--open' : 'shell__nav'}
          >
            <ul>
              {navigationFor(state.user).map((item) => (
                <li key={item.href}>
                  <Link href={item.href} aria-current={isCurrent(pathname, item.href) ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
              <li>
                <Button variant="secondary" small busy={signingOut} onClick={() => void signOut()}>
                  Sign out
                </Button>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="shell__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
