import type { Immunization } from '@medplum/fhirtypes';
import { primaryCode, toCodeableConcept, type PrimaryCode } from './coding';
import { parseFhirDateTime } from './fhir-date';
import { FhirMappingError } from './fhir-mapping-error';
import { patientReference, requirePatientReference } from './patient-reference';

/** A vaccination as the immunization table stores it. */
export interface ImmunizationFields extends PrimaryCode {
  status: string;
  occurrenceAt: Date | null;
  primarySource: boolean | null;
  lotNumber: string | null;
}

export function immunizationFromFhir(resource: Immunization): ImmunizationFields {
  requirePatientReference(resource.patient, 'Immunization.patient');
  if (resource.status === undefined) {
    throw new FhirMappingError('Immunization.status is required');
  }
  return {
    ...primaryCode(resource.vaccineCode),
    status: resource.status,
    occurrenceAt: parseFhirDateTime(resource.occurrenceDateTime, 'Immunization.occurrenceDateTime'),
    primarySource: resource.primarySource ?? null,
    lotNumber: resource.lotNumber ?? null,
  };
}

export function immunizationToFhir(
  fields: ImmunizationFields,
  fhirId: string,
  patientRef: string,
): Immunization {
  return {
    resourceType: 'Immunization',
    id: fhirId,
    status: fields.status as Immunization['status'],
    vaccineCode: toCodeableConcept(fields) ?? { text: 'unknown' },
    patient: patientReference(patientRef),
    ...(fields.occurrenceAt === null
      ? { occurrenceString: 'unknown' }
      : { occurrenceDateTime: fields.occurrenceAt.toISOString() }),
    primarySource: fields.primarySource ?? undefined,
    lotNumber: fields.lotNumber ?? undefined,
  };
}
