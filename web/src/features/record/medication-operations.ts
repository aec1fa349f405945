import { graphql } from '@/gql';

export const MedicationFieldsFragment = graphql(`
  fragment MedicationFields on Medication {
    id
    version
    codeSystem
    code
    display
    sourceType
    status
    intent
    dosage
    startedAt
    endedAt
  }
`);

export const PatientMedicationsDocument = graphql(`
  query PatientMedications($id: ID!) {
    patient(id: $id) {
      id
      entries: medications(first: 100) {
        nodes {
          ...MedicationFields
        }
      }
    }
  }
`);

export const CreateMedicationDocument = graphql(`
  mutation CreateMedication($patientId: ID!, $input: MedicationInput!) {
    createMedication(patientId: $patientId, input: $input) {
      id
    }
  }
`);

export const UpdateMedicationDocument = graphql(`
  mutation UpdateMedication($id: ID!, $version: Int!, $input: MedicationInput!) {
    updateMedication(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export const DeleteMedicationDocument = graphql(`
  mutation DeleteMedication($id: ID!, $version: Int!) {
    deleteMedication(id: $id, version: $version)
  }
`);
