import { type ErrorInfo, errorInfoFromWire } from '../errors/error-info';
import type { AuthFailure, SessionPayload, SessionUser } from './auth-payload';

export type SessionState =
  | { status: 'restoring' }
  | { status: 'signedIn'; user: SessionUser }
  | { status: 'signedOut'; reason: 'signedOut' | 'expired' | 'initial' }
  | { status: 'unavailable'; error: ErrorInfo };

// Refresh this long before expiry so a request never leaves with a token about to lapse.
const REFRESH_MARGIN_MS = 60_000;
const MIN_REFRESH_DELAY_MS = 5_000;
const REFRESH_LOCK = 'holovitals-session-refresh';

type AuthResult = { ok: true; payload: SessionPayload } | { ok: false; status: number; error: ErrorInfo };

async function postAuth(path: string, body?: unknown, accessToken?: string | null): Promise<AuthResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers,
      body: JSON.stringify(body ?? {}),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (response.status === 204) {
      return {
        ok: false,
        status: 401,
        error: errorInfoFromWire({ extensions: { code: 'UNAUTHENTICATED', reason: 'no_session' } }),
      };
    }
    const json = (await response.json()) as SessionPayload | AuthFailure;
    if (response.ok && 'accessToken' in json) return { ok: true, payload: json };
    return {
      ok: false,
      status: response.status,
      error: 'error' in json ? json.error : errorInfoFromWire(undefined),
    };
  } catch {
    return {
      ok: false,
      status: 503,
      error: errorInfoFromWire({ extensions: { code: 'SERVICE_UNAVAILABLE' } }),
    };
  }
}

/**
 * Owns the access token (memory only) and the session lifecycle: restore from the refresh cookie, silent
 * refresh before expiry, sign-in and sign-out. Refresh tokens are single-use and reuse ends the session, so
 * refreshes are deduplicated within the tab and serialised across tabs with a Web Lock.
 */
export class SessionManager {
  private state: SessionState = { status: 'restoring' };
  private token: string | null = null;
  private expiresAt = 0;
  private refreshing: Promise<boolean> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  accessToken(): string | null {
    return this.token;
  }

  /** True when the token is missing or inside the refresh margin. */
  needsRefresh(): boolean {
    return this.state.status === 'signedIn' && Date.now() > this.expiresAt - REFRESH_MARGIN_MS;
  }

  isSignedIn(): boolean {
    return this.state.status === 'signedIn';
  }

  async signIn(email: string, password: string): Promise<ErrorInfo | null> {
    const result = await postAuth('/api/auth/login', { email, password });
    if (!result.ok) return result.error;
    this.accept(result.payload);
    return null;
  }

  /** On page load: the cookie, if any, becomes a session without asking for the password again. */
  restore(): Promise<boolean> {
    if (this.state.status === 'unavailable') this.setState({ status: 'restoring' });
    return this.refresh();
  }

  refresh(): Promise<boolean> {
    this.refreshing ??= this.runRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * The logout answer clears the refresh cookie, so the signed-out state (and the redirect it causes) waits for it:
   * a page loaded before that answer arrived would still send the cookie of a session the server has ended.
   */
  async signOut(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await postAuth('/api/auth/logout', {}, this.token);
    this.clear({ status: 'signedOut', reason: 'signedOut' });
  }

  /** After the server ended every session (log out everywhere): drop the cookie, then the local state. */
  async forget(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await postAuth('/api/auth/logout');
    this.clear({ status: 'signedOut', reason: 'signedOut' });
  }

  private async runRefresh(): Promise<boolean> {
    const call = (): Promise<AuthResult> => postAuth('/api/auth/refresh');
    const result =
      typeof navigator !== 'undefined' && navigator.locks
        ? await navigator.locks.request(REFRESH_LOCK, call)
        : await call();
    if (result.ok) {
      this.accept(result.payload);
      return true;
    }
    if (result.status === 401) {
      const wasSignedIn = this.state.status === 'signedIn';
      this.clear({ status: 'signedOut', reason: wasSignedIn ? 'expired' : 'initial' });
    } else if (this.state.status === 'restoring') {
      this.setState({ status: 'unavailable', error: result.error });
    }
    return false;
  }

  private accept(payload: SessionPayload): void {
    this.token = payload.accessToken;
    this.expiresAt = Date.parse(payload.expiresAt);
    this.schedule();
    this.setState({ status: 'signedIn', user: payload.user });
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const delay = Math.max(this.expiresAt - Date.now() - REFRESH_MARGIN_MS, MIN_REFRESH_DELAY_MS);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private clear(next: SessionState): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.token = null;
    this.expiresAt = 0;
    this.setState(next);
  }

  private setState(next: SessionState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  /** Stops the refresh timer when the provider unmounts. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
