import { graphql } from '@/gql';

export const RecordConflictsDocument = graphql(`
  query RecordConflicts {
    myPatient {
      id
      recordConflicts {
        id
        recordId
        recordType
        resourceType
        syncedFrom
        detectedAt
        incomingLastUpdated
      }
    }
  }
`);

export const ResolveRecordConflictDocument = graphql(`
  mutation ResolveRecordConflict($id: ID!, $keep: ConflictChoice!) {
    resolveRecordConflict(id: $id, keep: $keep) {
      id
      resolution
    }
  }
`);
