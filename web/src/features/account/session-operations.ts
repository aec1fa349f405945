import { graphql } from '@/gql';

export const MySessionsDocument = graphql(`
  query MySessions {
    mySessions {
      id
      userAgent
      ipAddress
      createdAt
      lastUsedAt
      expiresAt
    }
  }
`);

export const RevokeSessionDocument = graphql(`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id) {
      id
      revokedAt
    }
  }
`);

export const LogoutEverywhereDocument = graphql(`
  mutation LogoutEverywhere {
    logoutEverywhere
  }
`);
