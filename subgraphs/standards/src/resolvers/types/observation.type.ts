import { labResultReferenceType, type LabResultReference } from './lab-result-reference.type';

/** The patient subgraph's Observation, seen from here: only its key and the fields `standardized` requires. */
export const ObservationReference = labResultReferenceType('Observation', {
  type: 'A vital sign or lab result (owned by the patient subgraph).',
  id: 'Observation id.',
  code: 'Observation code.',
  display: 'Display of the code.',
  unit: 'Unit of the value.',
  standardized: 'The observation mapped to LOINC and UCUM (concept only for observations without a value).',
});
export type ObservationReference = LabResultReference;
