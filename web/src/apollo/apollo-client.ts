import {
  ApolloClient,
  ApolloLink,
  CombinedGraphQLErrors,
  HttpLink,
  InMemoryCache,
  ServerError,
} from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { from, mergeMap, throwError } from 'rxjs';
import type { SessionManager } from '@/auth/session-manager';

function isAuthFailure(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error))
    return error.errors.some((item) => item.extensions?.code === 'UNAUTHENTICATED');
  if (ServerError.is(error)) return error.statusCode === 401;
  // The gateway's 401 for a dead token may lack CORS headers, which the browser reports as a network error.
  return error instanceof TypeError;
}

function webSocketUrl(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** Apollo Client on the gateway: bearer token from memory, one silent refresh and retry on UNAUTHENTICATED. */
export function createApolloClient(gatewayUrl: string, session: SessionManager): ApolloClient {
  const authLink = new SetContextLink(async (previous) => {
    if (session.needsRefresh()) await session.refresh();
    const token = session.accessToken();
    return { headers: { ...previous.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } };
  });

  const refreshOnAuthFailure = new ErrorLink(({ error, operation, forward }) => {
    if (!session.isSignedIn() || operation.getContext().retriedAfterRefresh || !isAuthFailure(error)) return;
    return from(session.refresh()).pipe(
      mergeMap((refreshed) => {
        if (!refreshed) return throwError(() => error);
        operation.setContext({ retriedAfterRefresh: true });
        return forward(operation);
      }),
    );
  });

  const httpLink = new HttpLink({ uri: gatewayUrl });
  const wsLink = new GraphQLWsLink(
    createClient({
      url: webSocketUrl(gatewayUrl),
      lazy: true,
      // Read at every (re)connect: the gateway closes a socket when its token expires (4403), and the
      // client then reconnects with a fresh one.
      connectionParams: async () => {
        if (session.needsRefresh()) await session.refresh();
        const token = session.accessToken();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
    }),
  );
  const transport = ApolloLink.split(
    ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
    wsLink,
    httpLink,
  );

  return new ApolloClient({
    link: ApolloLink.from([refreshOnAuthFailure, authLink, transport]),
    cache: new InMemoryCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
