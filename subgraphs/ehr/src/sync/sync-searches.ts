/**
 * The patient searches one sync makes, per the issue: each type in the patient's compartment, Observation once
 * per category (servers such as Epic require the category). `patient` is the SMART launch context's id.
 */
export const OBSERVATION_CATEGORIES = [
  'vital-signs',
  'laboratory',
  'social-history',
  'survey',
  'exam',
  'imaging',
  'procedure',
  'therapy',
  'activity',
] as const;

const PATIENT_TYPES = [
  'Condition',
  'MedicationRequest',
  'AllergyIntolerance',
  'Immunization',
  'Procedure',
  'DiagnosticReport',
  'DocumentReference',
  'Encounter',
  'FamilyMemberHistory',
] as const;

/** Every resource type a sync fetches (a Bulk Data export's `_type`). */
export const SYNCED_TYPES = ['Patient', ...PATIENT_TYPES, 'Observation'] as const;

export interface SyncSearch {
  resourceType: string;
  /** Relative search URL (type and query), resolved against the FHIR base URL. */
  url: string;
}

/** Every search for one patient; `since` (ISO instant) narrows each to resources updated after it. */
export function syncSearches(patientId: string, since: string | null, pageSize: number): SyncSearch[] {
  const common = (query: URLSearchParams): string => {
    if (since) query.set('_lastUpdated', `gt${since}`);
    query.set('_count', String(pageSize));
    return query.toString();
  };
  return [
    { resourceType: 'Patient', url: `Patient?${common(new URLSearchParams({ _id: patientId }))}` },
    ...PATIENT_TYPES.map((type) => ({
      resourceType: type,
      url: `${type}?${common(new URLSearchParams({ patient: patientId }))}`,
    })),
    ...OBSERVATION_CATEGORIES.map((category) => ({
      resourceType: 'Observation',
      url: `Observation?${common(new URLSearchParams({ patient: patientId, category }))}`,
    })),
  ];
}
