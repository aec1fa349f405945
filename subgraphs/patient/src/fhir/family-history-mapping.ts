import type { FamilyMemberHistory } from '@medplum/fhirtypes';
import { primaryCode, toCodeableConcept, type PrimaryCode } from './coding';
import { parseFhirDateTime } from './fhir-date';
import { FhirMappingError } from './fhir-mapping-error';
import { patientReference, requirePatientReference } from './patient-reference';

const RELATIONSHIP_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';

/** A condition a relative had. */
export interface FamilyConditionFields {
  codeSystem: string | null;
  code: string | null;
  display: string | null;
}

/** A relative's health history as the family_history table stores it. */
export interface FamilyHistoryFields {
  status: string;
  relationshipCode: string | null;
  relationshipDisplay: string | null;
  sex: string | null;
  recordedAt: Date | null;
  conditions: FamilyConditionFields[];
}

export function familyHistoryFromFhir(resource: FamilyMemberHistory): FamilyHistoryFields {
  requirePatientReference(resource.patient, 'FamilyMemberHistory.patient');
  if (resource.status === undefined || resource.relationship === undefined) {
    throw new FhirMappingError(
      'FamilyMemberHistory.status and FamilyMemberHistory.relationship are required',
    );
  }
  const relationship = primaryCode(resource.relationship);
  return {
    status: resource.status,
    relationshipCode: relationship.code,
    relationshipDisplay: relationship.display,
    sex: resource.sex?.coding?.[0]?.code ?? null,
    recordedAt: parseFhirDateTime(resource.date, 'FamilyMemberHistory.date'),
    conditions: (resource.condition ?? []).map((condition): FamilyConditionFields =>
      primaryCode(condition.code),
    ),
  };
}

export function familyHistoryToFhir(
  fields: FamilyHistoryFields,
  fhirId: string,
  patientRef: string,
): FamilyMemberHistory {
  const relationship: PrimaryCode = {
    codeSystem: fields.relationshipCode === null ? null : RELATIONSHIP_SYSTEM,
    code: fields.relationshipCode,
    display: fields.relationshipDisplay,
  };
  return {
    resourceType: 'FamilyMemberHistory',
    id: fhirId,
    status: fields.status as FamilyMemberHistory['status'],
    patient: patientReference(patientRef),
    relationship: toCodeableConcept(relationship) ?? { text: 'unknown' },
    sex:
      fields.sex === null
        ? undefined
        : { coding: [{ system: 'http://hl7.org/fhir/administrative-gender', code: fields.sex }] },
    date: fields.recordedAt?.toISOString(),
    condition:
      fields.conditions.length === 0
        ? undefined
        : fields.conditions.map((condition) => ({
            code: toCodeableConcept(condition) ?? { text: 'unknown' },
          })),
  };
}
