import type { Patient, Reference } from '@medplum/fhirtypes';
import { FhirMappingError } from './fhir-mapping-error';

/** The subject/patient of an exported record: `patientRef` is the Patient entry's fullUrl in the bundle. */
export function patientReference(patientRef: string): Reference<Patient> {
  return { reference: patientRef };
}

/** Fails the mapping when a resource that must name its patient does not. */
export function requirePatientReference(reference: Reference | undefined, path: string): void {
  if (reference?.reference === undefined) {
    throw new FhirMappingError(`${path} is required`);
  }
}
