'use client';

import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { dateTimeText } from '@/format/date-time-text';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { EhrLastSync } from './ehr-last-sync';
import {
  ConnectEhrDocument,
  DisconnectEhrDocument,
  EhrConnectionsDocument,
  EhrProvidersDocument,
  SyncEhrDocument,
} from './ehr-operations';

/** The patient's hospitals: connect one (SMART redirect), see status and the last sync, sync now, disconnect. */
export function EhrConnections(): ReactNode {
  // Polled so status, last sync and errors follow the worker without a reload.
  const connections = useQuery(EhrConnectionsDocument, { pollInterval: 5000 });
  const [search, setSearch] = useState('');
  const providers = useQuery(EhrProvidersDocument, { variables: { search: search || null } });
  const [connect] = useMutation(ConnectEhrDocument);
  const [sync] = useMutation(SyncEhrDocument);
  const [disconnect] = useMutation(DisconnectEhrDocument);
  const [pending, setPending] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  async function act(key: string, work: () => Promise<unknown>): Promise<void> {
    setPending(key);
    setActionError(null);
    try {
      await work();
    } catch (caught) {
      setActionError(describeError(errorInfoFromApollo(caught)));
    } finally {
      setPending(null);
    }
  }

  const startConnect = (providerId: string) =>
    act(`connect:${providerId}`, async () => {
      const result = await connect({
        variables: { providerId, redirectUri: `${window.location.origin}/ehr/callback` },
      });
      if (result.data) window.location.assign(result.data.connectEhr.authorizeUrl);
    });

  const list = connections.data?.ehrConnections ?? [];
  return (
    <div className="stack">
      {actionError ? <Alert tone="error">{actionError}</Alert> : null}
      <Card title="Connected hospitals">
        {connections.loading && !connections.data ? <LoadingState label="Loading your hospitals…" /> : null}
        {connections.error && !connections.data ? (
          <QueryError error={connections.error} onRetry={() => void connections.refetch()} />
        ) : null}
        {connections.data && list.length === 0 ? <EmptyState title="No hospital connected yet." /> : null}
        {list.length > 0 ? (
          <ul className="list" aria-label="Connected hospitals">
            {list.map((item) => (
              <li key={item.id} className="row row--spread">
                <div>
                  <strong>{item.provider?.name ?? 'Unknown provider'}</strong>{' '}
                  <span className="badge">
                    {item.status === 'ACTIVE' ? 'Connected' : 'Needs re-approval'}
                  </span>
                  <div className="muted">
                    {item.lastSyncAt ? `Last sync ${dateTimeText(item.lastSyncAt)}` : 'Never synced'}
                    {item.lastError ? ` · ${item.lastError}` : ''}
                  </div>
                  <EhrLastSync connectionId={item.id} />
                </div>
                <div className="row">
                  {item.status === 'ACTIVE' ? (
                    <Button
                      small
                      busy={pending === `sync:${item.id}`}
                      onClick={() =>
                        void act(`sync:${item.id}`, () => sync({ variables: { connectionId: item.id } }))
                      }
                    >
                      Sync now
                    </Button>
                  ) : (
                    <Button small onClick={() => void startConnect(item.provider?.id ?? '')}>
                      Connect again
                    </Button>
                  )}
                  <Button
                    small
                    variant="danger"
                    busy={pending === `disconnect:${item.id}`}
                    onClick={() =>
                      void act(`disconnect:${item.id}`, async () => {
                        await disconnect({ variables: { connectionId: item.id } });
                        await connections.refetch();
                      })
                    }
                  >
                    Disconnect
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
      <Card title="Connect a hospital">
        <form className="row" onSubmit={(event: FormEvent) => event.preventDefault()}>
          <label>
            Find your hospital{' '}
            <input
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder="Name or FHIR URL"
            />
          </label>
        </form>
        <ul className="list" aria-label="Hospitals you can connect">
          {(providers.data?.ehrProviders ?? []).map((provider) => (
            <li key={provider.id} className="row row--spread">
              <div>
                <strong>{provider.name}</strong>
                <div className="muted">{provider.fhirBaseUrl}</div>
              </div>
              <Button
                small
                busy={pending === `connect:${provider.id}`}
                onClick={() => void startConnect(provider.id)}
              >
                Connect
              </Button>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
