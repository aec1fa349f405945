import type { AllergyIntolerance } from '@medplum/fhirtypes';
import { firstCode, primaryCode, statusConcept, toCodeableConcept, type PrimaryCode } from './coding';
import { parseFhirDateTime } from './fhir-date';
import { patientReference, requirePatientReference } from './patient-reference';

const CLINICAL_SYSTEM = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';
const VERIFICATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';

/** An allergy or intolerance as the allergy table stores it. */
export interface AllergyFields extends PrimaryCode {
  clinicalStatus: string | null;
  verificationStatus: string | null;
  type: string | null;
  category: string | null;
  criticality: string | null;
  reaction: string | null;
  onsetAt: Date | null;
  recordedAt: Date | null;
}

export function allergyFromFhir(resource: AllergyIntolerance): AllergyFields {
  requirePatientReference(resource.patient, 'AllergyIntolerance.patient');
  const manifestation = resource.reaction?.[0]?.manifestation?.[0];
  return {
    ...primaryCode(resource.code),
    clinicalStatus: firstCode(resource.clinicalStatus),
    verificationStatus: firstCode(resource.verificationStatus),
    type: resource.type ?? null,
    category: resource.category?.[0] ?? null,
    criticality: resource.criticality ?? null,
    reaction: manifestation?.text ?? manifestation?.coding?.[0]?.display ?? null,
    onsetAt: parseFhirDateTime(
      resource.onsetDateTime ?? resource.onsetPeriod?.start,
      'AllergyIntolerance.onset[x]',
    ),
    recordedAt: parseFhirDateTime(resource.recordedDate, 'AllergyIntolerance.recordedDate'),
  };
}

export function allergyToFhir(fields: AllergyFields, fhirId: string, patientRef: string): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id: fhirId,
    clinicalStatus: statusConcept(CLINICAL_SYSTEM, fields.clinicalStatus),
    verificationStatus: statusConcept(VERIFICATION_SYSTEM, fields.verificationStatus),
    type: (fields.type ?? undefined) as AllergyIntolerance['type'],
    category:
      fields.category === null
        ? undefined
        : [fields.category as NonNullable<AllergyIntolerance['category']>[number]],
    criticality: (fields.criticality ?? undefined) as AllergyIntolerance['criticality'],
    code: toCodeableConcept(fields),
    patient: patientReference(patientRef),
    onsetDateTime: fields.onsetAt?.toISOString(),
    recordedDate: fields.recordedAt?.toISOString(),
    reaction: fields.reaction === null ? undefined : [{ manifestation: [{ text: fields.reaction }] }],
  };
}
