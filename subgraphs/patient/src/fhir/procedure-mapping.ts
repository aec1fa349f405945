import type { Procedure } from '@medplum/fhirtypes';
import { primaryCode, toCodeableConcept, type PrimaryCode } from './coding';
import { parseFhirDateTime } from './fhir-date';
import { FhirMappingError } from './fhir-mapping-error';
import { patientReference, requirePatientReference } from './patient-reference';

/** A performed procedure as the procedure table stores it. */
export interface ProcedureFields extends PrimaryCode {
  status: string;
  performedStart: Date | null;
  performedEnd: Date | null;
}

export function procedureFromFhir(resource: Procedure): ProcedureFields {
  requirePatientReference(resource.subject, 'Procedure.subject');
  if (resource.status === undefined) {
    throw new FhirMappingError('Procedure.status is required');
  }
  return {
    ...primaryCode(resource.code),
    status: resource.status,
    performedStart: parseFhirDateTime(
      resource.performedDateTime ?? resource.performedPeriod?.start,
      'Procedure.performed[x]',
    ),
    performedEnd: parseFhirDateTime(resource.performedPeriod?.end, 'Procedure.performedPeriod.end'),
  };
}

export function procedureToFhir(fields: ProcedureFields, fhirId: string, patientRef: string): Procedure {
  const resource: Procedure = {
    resourceType: 'Procedure',
    id: fhirId,
    status: fields.status as Procedure['status'],
    code: toCodeableConcept(fields),
    subject: patientReference(patientRef),
  };
  if (fields.performedEnd !== null) {
    resource.performedPeriod = {
      start: fields.performedStart?.toISOString(),
      end: fields.performedEnd.toISOString(),
    };
  } else if (fields.performedStart !== null) {
    resource.performedDateTime = fields.performedStart.toISOString();
  }
  return resource;
}
