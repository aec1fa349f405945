export const IMPORT = `mutation Import($patientId: ID, $bundle: JSON!) {
  importFhirBundle(patientId: $patientId, bundle: $bundle) {
    patientId created updated unchanged skipped
    skippedEntries { index code reason }
    errors { index code resourceType fhirId reason }
  }
}`;

export const MY_PATIENT = `query { myPatient { id familyName sourceFhirId version } }`;

export const PATIENT = `query Patient($id: ID!) { patient(id: $id) { id familyName givenName birthDate } }`;

export const OBSERVATIONS = `query Obs($id: ID!, $first: Int!, $after: String, $filter: ObservationFilter, $order: SortOrder) {
  patient(id: $id) {
    observations(first: $first, after: $after, filter: $filter, order: $order) {
      nodes { id code category value unit effectiveAt components { code value unit } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

export const EXPORT = `mutation Export($id: ID!) { exportFhirBundle(patientId: $id) }`;

export const RECORD_LISTS = `query Lists($id: ID!) {
  patient(id: $id) {
    conditions(first: 100, order: OLDEST_FIRST) { nodes { sourceFhirId code codeSystem display clinicalStatus onsetAt abatementAt recordedAt } }
    observations(first: 100, order: OLDEST_FIRST) { nodes { sourceFhirId status category code display value unit valueString effectiveAt components { code codeSystem display value unit } } }
    immunizations(first: 100, order: OLDEST_FIRST) { nodes { sourceFhirId code display status occurrenceAt primarySource } }
    procedures(first: 100, order: OLDEST_FIRST) { nodes { sourceFhirId code display status performedStart performedEnd } }
    medications(first: 100, order: OLDEST_FIRST) { nodes { sourceFhirId sourceType code display status intent startedAt endedAt } }
  }
}`;
