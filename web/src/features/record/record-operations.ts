import { graphql } from '@/gql';

export const MyPatientIdDocument = graphql(`
  query MyPatientId {
    myPatient {
      id
    }
  }
`);

export const VitalSignFieldsFragment = graphql(`
  fragment VitalSignFields on Observation {
    id
    code
    value
    unit
    effectiveAt
    standardized {
      unitDisplay
    }
    components {
      code
      value
      unit
    }
  }
`);

export const PatientSummaryDocument = graphql(`
  query PatientSummary($id: ID!) {
    patient(id: $id) {
      id
      givenName
      familyName
      gender
      birthDate
      city
      state
      conditions(first: 100) {
        nodes {
          id
          display
          clinicalStatus
          onsetAt
          abatementAt
        }
      }
      medications(first: 100) {
        nodes {
          id
          display
          status
          dosage
          startedAt
        }
      }
      allergies(first: 50) {
        nodes {
          id
          display
          criticality
          reaction
          clinicalStatus
        }
      }
      immunizations(first: 5) {
        nodes {
          id
          display
          occurrenceAt
        }
      }
      vitals: observations(first: 40, filter: { category: "vital-signs" }) {
        nodes {
          ...VitalSignFields
        }
      }
      labs: observations(first: 8, filter: { category: "laboratory" }) {
        nodes {
          id
          display
          value
          unit
          valueString
          standardized {
            flag
            shortName
            unitDisplay
          }
        }
      }
    }
  }
`);

// The gateway prices every selected field (cost limit), so lists select only what their tables show.
export const LabResultFieldsFragment = graphql(`
  fragment LabResultFields on Observation {
    id
    code
    display
    value
    unit
    valueString
    effectiveAt
    standardized {
      loincCode
      shortName
      unitDisplay
      normalizedValue
      normalizedUnit
      normalizedUnitDisplay
      flag
    }
  }
`);

export const PatientLabsDocument = graphql(`
  query PatientLabs($id: ID!, $after: String) {
    patient(id: $id) {
      id
      observations(first: 100, after: $after, filter: { category: "laboratory" }) {
        nodes {
          ...LabResultFields
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const LabHistoryDocument = graphql(`
  query LabHistory($id: ID!, $code: String!, $after: String) {
    patient(id: $id) {
      id
      observations(first: 100, after: $after, order: OLDEST_FIRST, filter: { code: $code }) {
        nodes {
          ...LabResultFields
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const LabLatestDetailDocument = graphql(`
  query LabLatestDetail($id: ID!, $code: String!) {
    patient(id: $id) {
      id
      observations(first: 1, filter: { code: $code }) {
        nodes {
          id
          codeSystem
          unit
          referenceLow
          referenceHigh
          standardized {
            loincDisplay
            confidence
            matchReason
            value
            unit
            unitDisplay
            normalizedUnit
            normalizedUnitDisplay
            normalizedReferenceLow
            normalizedReferenceHigh
            warnings
          }
        }
      }
    }
  }
`);

export const PatientVitalsDocument = graphql(`
  query PatientVitals($id: ID!, $after: String) {
    patient(id: $id) {
      id
      observations(first: 100, after: $after, order: OLDEST_FIRST, filter: { category: "vital-signs" }) {
        nodes {
          ...VitalSignFields
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const PatientTimelineDocument = graphql(`
  query PatientTimeline($id: ID!) {
    patient(id: $id) {
      id
      encounters: fhirResources(first: 100, type: "Encounter") {
        nodes {
          id
          fhirId
          resource
        }
      }
      procedures(first: 100) {
        nodes {
          id
          display
          status
          performedStart
        }
      }
      immunizations(first: 100) {
        nodes {
          id
          display
          occurrenceAt
        }
      }
      conditions(first: 100) {
        nodes {
          id
          display
          onsetAt
        }
      }
    }
  }
`);

export const ExportFhirBundleDocument = graphql(`
  mutation ExportFhirBundle($id: ID!) {
    exportFhirBundle(patientId: $id)
  }
`);

export const ImportFhirBundleDocument = graphql(`
  mutation ImportFhirBundle($bundle: JSON!, $patientId: ID) {
    importFhirBundle(bundle: $bundle, patientId: $patientId) {
      patientId
      created
      updated
      unchanged
      skipped
      errors {
        index
        resourceType
        fhirId
        reason
      }
    }
  }
`);

export const PatientListDocument = graphql(`
  query PatientList($first: Int!, $after: String, $name: String) {
    patients(first: $first, after: $after, filter: { name: $name }, order: OLDEST_FIRST) {
      nodes {
        id
        givenName
        familyName
        gender
        birthDate
        city
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const PatientRecordChangedDocument = graphql(`
  subscription PatientRecordChanged($patientId: ID!) {
    patientRecordChanged(patientId: $patientId) {
      patientId
      kind
      changed
      at
    }
  }
`);
