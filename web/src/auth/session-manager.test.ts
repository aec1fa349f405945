import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionManager } from './session-manager';

const user = {
  id: 'u1',
  email: 'a@example.test',
  displayName: 'A',
  roles: ['PATIENT' as const],
  emailVerified: true,
};

function session(expiresInMs: number, token = 'access-1'): Response {
  return Response.json({
    accessToken: token,
    expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
    user,
  });
}

function failure(status: number, code: string): Response {
  return Response.json({ error: { code, reason: null, message: code, fieldErrors: {} } }, { status });
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('SessionManager', () => {
  it('sends one refresh for concurrent callers, because a refresh token works only once', async () => {
    const fetchMock = vi.fn(async () => session(900_000));
    vi.stubGlobal('fetch', fetchMock);
    const manager = new SessionManager();
    const results = await Promise.all([manager.restore(), manager.refresh(), manager.refresh()]);
    expect(results).toEqual([true, true, true]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(manager.getState()).toEqual({ status: 'signedIn', user });
    expect(manager.accessToken()).toBe('access-1');
    manager.dispose();
  });

  it('treats no cookie as signed out, and a rejected refresh after sign-in as an expired session', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 204 })),
    );
    const fresh = new SessionManager();
    await fresh.restore();
    expect(fresh.getState()).toEqual({ status: 'signedOut', reason: 'initial' });

    const responses = [session(900_000), failure(401, 'UNAUTHENTICATED')];
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => responses.shift()),
    );
    const manager = new SessionManager();
    await manager.restore();
    expect(await manager.refresh()).toBe(false);
    expect(manager.getState()).toEqual({ status: 'signedOut', reason: 'expired' });
    expect(manager.accessToken()).toBeNull();
  });

  it('reports the service as unavailable when it cannot restore, and keeps a session through an outage', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('fetch failed'))),
    );
    const offline = new SessionManager();
    await offline.restore();
    expect(offline.getState()).toMatchObject({
      status: 'unavailable',
      error: { code: 'SERVICE_UNAVAILABLE' },
    });

    const responses = [session(900_000), failure(503, 'SERVICE_UNAVAILABLE')];
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => responses.shift()),
    );
    const manager = new SessionManager();
    await manager.restore();
    expect(await manager.refresh()).toBe(false);
    expect(manager.getState()).toEqual({ status: 'signedIn', user });
    manager.dispose();
  });

  it('refreshes silently a minute before the access token expires', async () => {
    vi.useFakeTimers();
    const fetchMock = vi.fn(async () => session(5 * 60_000, `access-${fetchMock.mock.calls.length}`));
    vi.stubGlobal('fetch', fetchMock);
    const manager = new SessionManager();
    await manager.restore();
    expect(manager.needsRefresh()).toBe(false);
    await vi.advanceTimersByTimeAsync(4 * 60_000 - 1_000);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(manager.accessToken()).toBe('access-2');
    manager.dispose();
  });

  it('signs out only once the logout answer (which clears the cookie) has arrived', async () => {
    let answerLogout: (response: Response) => void = () => undefined;
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string) => {
        calls.push(path);
        if (path === '/api/auth/logout') return new Promise<Response>((resolve) => (answerLogout = resolve));
        return session(900_000);
      }),
    );
    const manager = new SessionManager();
    await manager.restore();
    const signingOut = manager.signOut();
    await vi.waitFor(() => expect(calls).toEqual(['/api/auth/refresh', '/api/auth/logout']));
    expect(manager.getState()).toEqual({ status: 'signedIn', user });
    answerLogout(new Response(null, { status: 204 }));
    await signingOut;
    expect(manager.getState()).toEqual({ status: 'signedOut', reason: 'signedOut' });
    expect(manager.accessToken()).toBeNull();
  });
});
