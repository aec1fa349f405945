import type { Condition } from '@medplum/fhirtypes';
import { firstCode, primaryCode, statusConcept, toCodeableConcept, type PrimaryCode } from './coding';
import { parseFhirDateTime } from './fhir-date';
import { patientReference, requirePatientReference } from './patient-reference';

const CLINICAL_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-category';

/** A diagnosis or problem as the condition table stores it. */
export interface ConditionFields extends PrimaryCode {
  clinicalStatus: string | null;
  verificationStatus: string | null;
  category: string | null;
  onsetAt: Date | null;
  abatementAt: Date | null;
  recordedAt: Date | null;
}

export function conditionFromFhir(resource: Condition): ConditionFields {
  requirePatientReference(resource.subject, 'Condition.subject');
  return {
    ...primaryCode(resource.code),
    clinicalStatus: firstCode(resource.clinicalStatus),
    verificationStatus: firstCode(resource.verificationStatus),
    category: firstCode(resource.category?.[0]),
    onsetAt: parseFhirDateTime(resource.onsetDateTime ?? resource.onsetPeriod?.start, 'Condition.onset[x]'),
    abatementAt: parseFhirDateTime(
      resource.abatementDateTime ?? resource.abatementPeriod?.start,
      'Condition.abatement[x]',
    ),
    recordedAt: parseFhirDateTime(resource.recordedDate, 'Condition.recordedDate'),
  };
}

export function conditionToFhir(fields: ConditionFields, fhirId: string, patientRef: string): Condition {
  return {
    resourceType: 'Condition',
    id: fhirId,
    clinicalStatus: statusConcept(CLINICAL_SYSTEM, fields.clinicalStatus),
    verificationStatus: statusConcept(VERIFICATION_SYSTEM, fields.verificationStatus),
    category: fields.category === null ? undefined : [statusConcept(CATEGORY_SYSTEM, fields.category) ?? {}],
    code: toCodeableConcept(fields),
    subject: patientReference(patientRef),
    onsetDateTime: fields.onsetAt?.toISOString(),
    abatementDateTime: fields.abatementAt?.toISOString(),
    recordedDate: fields.recordedAt?.toISOString(),
  };
}
