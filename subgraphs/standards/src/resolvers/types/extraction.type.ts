import { labResultReferenceType, type LabResultReference } from './lab-result-reference.type';

/** The documents subgraph's Extraction, seen from here: only its key and the fields `standardized` requires. */
export const ExtractionReference = labResultReferenceType('Extraction', {
  type: 'A lab result read from a document (owned by the documents subgraph).',
  id: 'Extraction id.',
  code: 'The printed test name, normalized.',
  display: 'The printed test name.',
  unit: 'Unit of the value as printed.',
  standardized:
    'A lab result mapped to LOINC and UCUM, the same way as a stored Observation; null for a diagnosis or a medication.',
});
export type ExtractionReference = LabResultReference;
