'use client';

import { ApolloProvider } from '@apollo/client/react';
import { type ReactNode, useEffect, useState } from 'react';
import { SessionContext } from '@/auth/session-context';
import { SessionManager } from '@/auth/session-manager';
import { UncaughtErrorReporter } from '@/errors/client-error-reporting';
import { createApolloClient } from './apollo-client';

interface AppProvidersProps {
  gatewayUrl: string;
  children: ReactNode;
}

/** One session manager and one Apollo Client per browser tab; the gateway URL arrives from the server at run time. */
export function AppProviders({ gatewayUrl, children }: AppProvidersProps): ReactNode {
  const [session] = useState(() => new SessionManager());
  const [client] = useState(() => createApolloClient(gatewayUrl, session));

  useEffect(() => {
    void session.restore();
    return () => session.dispose();
  }, [session]);

  useEffect(
    () =>
      session.subscribe(() => {
        if (session.getState().status === 'signedOut') void client.clearStore();
      }),
    [session, client],
  );

  return (
    <SessionContext.Provider value={session}>
      <ApolloProvider client={client}>
        <UncaughtErrorReporter />
        {children}
      </ApolloProvider>
    </SessionContext.Provider>
  );
}
