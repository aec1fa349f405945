import { graphql } from '@/gql';

export const AllergyFieldsFragment = graphql(`
  fragment AllergyFields on Allergy {
    id
    version
    codeSystem
    code
    display
    clinicalStatus
    verificationStatus
    type
    category
    criticality
    reaction
    onsetAt
    recordedAt
  }
`);

export const PatientAllergiesDocument = graphql(`
  query PatientAllergies($id: ID!) {
    patient(id: $id) {
      id
      entries: allergies(first: 100) {
        nodes {
          ...AllergyFields
        }
      }
    }
  }
`);

export const CreateAllergyDocument = graphql(`
  mutation CreateAllergy($patientId: ID!, $input: AllergyInput!) {
    createAllergy(patientId: $patientId, input: $input) {
      id
    }
  }
`);

export const UpdateAllergyDocument = graphql(`
  mutation UpdateAllergy($id: ID!, $version: Int!, $input: AllergyInput!) {
    updateAllergy(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export const DeleteAllergyDocument = graphql(`
  mutation DeleteAllergy($id: ID!, $version: Int!) {
    deleteAllergy(id: $id, version: $version)
  }
`);
