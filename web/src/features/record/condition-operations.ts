import { graphql } from '@/gql';

export const ConditionFieldsFragment = graphql(`
  fragment ConditionFields on Condition {
    id
    version
    codeSystem
    code
    display
    clinicalStatus
    verificationStatus
    category
    onsetAt
    abatementAt
    recordedAt
  }
`);

export const PatientConditionsDocument = graphql(`
  query PatientConditions($id: ID!) {
    patient(id: $id) {
      id
      entries: conditions(first: 100) {
        nodes {
          ...ConditionFields
        }
      }
    }
  }
`);

export const CreateConditionDocument = graphql(`
  mutation CreateCondition($patientId: ID!, $input: ConditionInput!) {
    createCondition(patientId: $patientId, input: $input) {
      id
    }
  }
`);

export const UpdateConditionDocument = graphql(`
  mutation UpdateCondition($id: ID!, $version: Int!, $input: ConditionInput!) {
    updateCondition(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export const DeleteConditionDocument = graphql(`
  mutation DeleteCondition($id: ID!, $version: Int!) {
    deleteCondition(id: $id, version: $version)
  }
`);
