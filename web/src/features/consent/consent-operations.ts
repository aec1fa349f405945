import { graphql } from '@/gql';

export const MyConsentsDocument = graphql(`
  query MyConsents {
    myConsents {
      id
      scopes
      purpose
      expiresAt
      createdAt
      revokedAt
      active
      grantee {
        userId
        displayName
        email
      }
    }
  }
`);

export const GrantConsentDocument = graphql(`
  mutation GrantConsent($input: GrantConsentInput!) {
    grantConsent(input: $input) {
      id
      active
    }
  }
`);

export const RevokeConsentDocument = graphql(`
  mutation RevokeConsent($id: ID!) {
    revokeConsent(id: $id) {
      id
      active
      revokedAt
    }
  }
`);

export const ConsentsGrantedToMeDocument = graphql(`
  query ConsentsGrantedToMe {
    consentsGrantedToMe {
      id
      patientId
      scopes
      active
      grantor {
        userId
        displayName
        email
      }
    }
  }
`);

export const AccessLogDocument = graphql(`
  query AccessLog($first: Int!) {
    accessLog(first: $first) {
      seq
      occurredAt
      actorId
      actorRoles
      action
      entityType
      outcome
      purpose
      actor {
        userId
        displayName
        email
      }
      onBehalfOf {
        userId
        displayName
        email
      }
    }
  }
`);
