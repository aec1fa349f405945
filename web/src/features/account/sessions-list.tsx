'use client';

import { useMutation, useQuery } from '@apollo/client/react';
import { type ReactNode, useState } from 'react';
import { sessionIdOf } from '@/auth/access-token-claims';
import { useSessionManager } from '@/auth/session-context';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { dateTimeText } from '@/format/date-time-text';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { deviceName } from './device-name';
import { LogoutEverywhereDocument, MySessionsDocument, RevokeSessionDocument } from './session-operations';

export function SessionsList(): ReactNode {
  const session = useSessionManager();
  const currentId = sessionIdOf(session.accessToken());
  const { data, loading, error, refetch } = useQuery(MySessionsDocument);
  const [revoke] = useMutation(RevokeSessionDocument);
  const [logoutEverywhere, everywhere] = useMutation(LogoutEverywhereDocument);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  async function revokeOne(id: string): Promise<void> {
    setPendingId(id);
    setActionError(null);
    try {
      await revoke({ variables: { id } });
      await refetch();
    } catch (caught) {
      setActionError(describeError(errorInfoFromApollo(caught)));
    } finally {
      setPendingId(null);
    }
  }

  async function endAll(): Promise<void> {
    setActionError(null);
    try {
      await logoutEverywhere();
      await session.forget();
    } catch (caught) {
      setActionError(describeError(errorInfoFromApollo(caught)));
    }
  }

  const sessions = data?.mySessions ?? [];
  return (
    <div className="stack">
      {actionError ? <Alert tone="error">{actionError}</Alert> : null}
      <Card title="Signed-in devices">
        {loading && !data ? <LoadingState label="Loading your sessions…" /> : null}
        {error && !data ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
        {data && sessions.length === 0 ? <EmptyState title="No active sessions." /> : null}
        {sessions.length > 0 ? (
          <ul className="list" aria-label="Active sessions">
            {sessions.map((item) => (
              <li key={item.id} className="row row--spread">
                <div>
                  <strong>{deviceName(item.userAgent)}</strong>
                  {item.id === currentId ? <span className="badge"> This device</span> : null}
                  <div className="muted">
                    Signed in {dateTimeText(item.createdAt)} · last active {dateTimeText(item.lastUsedAt)}
                    {item.ipAddress ? ` · ${item.ipAddress}` : ''}
                  </div>
                </div>
                {item.id === currentId ? null : (
                  <Button
                    variant="danger"
                    small
                    busy={pendingId === item.id}
                    aria-label={`Sign out ${deviceName(item.userAgent)} signed in ${dateTimeText(item.createdAt)}`}
                    onClick={() => void revokeOne(item.id)}
                  >
                    Sign out
                  </Button>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
      <Card title="Sign out everywhere">
        <p>
          Ends every session, including this one. Use it if you signed in on a device you no longer trust.
        </p>
        {confirming ? (
          <div className="row">
            <Button variant="danger" busy={everywhere.loading} onClick={() => void endAll()}>
              Yes, sign out everywhere
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        ) : (
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Sign out everywhere…
          </Button>
        )}
      </Card>
    </div>
  );
}
