import { graphql } from '@/gql';

export const EhrConnectionsDocument = graphql(`
  query EhrConnections {
    ehrConnections {
      id
      status
      lastSyncAt
      lastError
      provider {
        id
        name
      }
    }
  }
`);

export const EhrProvidersDocument = graphql(`
  query EhrProviders($search: String) {
    ehrProviders(search: $search) {
      id
      name
      fhirBaseUrl
    }
  }
`);

export const EhrSyncHistoryDocument = graphql(`
  query EhrSyncHistory($connectionId: ID!) {
    ehrSyncHistory(connectionId: $connectionId, first: 1) {
      runs {
        id
        mode
        status
        startedAt
        resourceCount
        errors
        counts {
          resourceType
          fetched
          created
          updated
          unchanged
          conflicts
        }
      }
    }
  }
`);

export const ConnectEhrDocument = graphql(`
  mutation ConnectEhr($providerId: ID!, $redirectUri: String!) {
    connectEhr(providerId: $providerId, redirectUri: $redirectUri) {
      authorizeUrl
      state
    }
  }
`);

export const CompleteEhrConnectionDocument = graphql(`
  mutation CompleteEhrConnection($state: String!, $code: String!) {
    completeEhrConnection(state: $state, code: $code) {
      id
      provider {
        id
        name
      }
    }
  }
`);

export const SyncEhrDocument = graphql(`
  mutation SyncEhr($connectionId: ID!) {
    syncEhr(connectionId: $connectionId) {
      id
      status
    }
  }
`);

export const DisconnectEhrDocument = graphql(`
  mutation DisconnectEhr($connectionId: ID!) {
    disconnectEhr(connectionId: $connectionId) {
      connectionId
      tokensRevoked
    }
  }
`);

export const EhrSyncProgressDocument = graphql(`
  subscription EhrSyncProgress($connectionId: ID!) {
    ehrSyncProgress(connectionId: $connectionId) {
      connectionId
      changed
      at
      connection {
        id
        lastSyncAt
        lastError
        latestSync {
          id
          status
          currentResourceType
          resourceCount
        }
      }
    }
  }
`);
