import { graphql } from '@/gql';

export const MyRightsRequestsDocument = graphql(`
  query MyRightsRequests {
    myRightsRequests {
      id
      kind
      details
      status
      filedAt
      dueAt
      extensionReason
      resolution
    }
  }
`);

export const FileRightsRequestDocument = graphql(`
  mutation FileRightsRequest($input: FileRightsRequestInput!) {
    fileRightsRequest(input: $input) {
      id
      status
      dueAt
    }
  }
`);

export const RightsRequestQueueDocument = graphql(`
  query RightsRequestQueue($status: RightsRequestStatus, $first: Int!, $after: String) {
    rightsRequests(status: $status, first: $first, after: $after) {
      nodes {
        id
        kind
        details
        status
        filedAt
        dueAt
        extendedAt
        extensionReason
        resolution
        requesterUserId
      }
      endCursor
    }
  }
`);

export const ExtendRightsRequestDocument = graphql(`
  mutation ExtendRightsRequest($id: ID!, $reason: String!) {
    extendRightsRequest(id: $id, reason: $reason) {
      id
      status
      dueAt
      extendedAt
      extensionReason
    }
  }
`);

export const CompleteRightsRequestDocument = graphql(`
  mutation CompleteRightsRequest($id: ID!, $resolution: String!) {
    completeRightsRequest(id: $id, resolution: $resolution) {
      id
      status
      resolution
    }
  }
`);

export const DenyRightsRequestDocument = graphql(`
  mutation DenyRightsRequest($id: ID!, $reason: String!) {
    denyRightsRequest(id: $id, reason: $reason) {
      id
      status
      resolution
    }
  }
`);
