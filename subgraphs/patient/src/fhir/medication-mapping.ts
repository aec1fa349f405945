import type { MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';
import { primaryCode, toCodeableConcept, type PrimaryCode } from './coding';
import { parseFhirDateTime } from './fhir-date';
import { FhirMappingError } from './fhir-mapping-error';
import { patientReference, requirePatientReference } from './patient-reference';

/** Which FHIR resource a medication record came from: a prescription or a statement of use. */
export type MedicationSource = 'MedicationRequest' | 'MedicationStatement';

/** A medication as the medication table stores it. */
export interface MedicationFields extends PrimaryCode {
  sourceType: MedicationSource;
  status: string;
  intent: string | null;
  dosage: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
}

function medicationCode(resource: MedicationRequest | MedicationStatement): PrimaryCode {
  if (resource.medicationCodeableConcept !== undefined) {
    return primaryCode(resource.medicationCodeableConcept);
  }
  const display = resource.medicationReference?.display ?? null;
  if (display === null) {
    throw new FhirMappingError(`${resource.resourceType}.medication[x] needs a code or a display`);
  }
  return { codeSystem: null, code: null, display };
}

export function medicationRequestFromFhir(resource: MedicationRequest): MedicationFields {
  requirePatientReference(resource.subject, 'MedicationRequest.subject');
  if (resource.status === undefined || resource.intent === undefined) {
    throw new FhirMappingError('MedicationRequest.status and MedicationRequest.intent are required');
  }
  return {
    ...medicationCode(resource),
    sourceType: 'MedicationRequest',
    status: resource.status,
    intent: resource.intent,
    dosage: resource.dosageInstruction?.[0]?.text ?? null,
    startedAt: parseFhirDateTime(resource.authoredOn, 'MedicationRequest.authoredOn'),
    endedAt: parseFhirDateTime(
      resource.dispenseRequest?.validityPeriod?.end,
      'MedicationRequest.dispenseRequest.validityPeriod.end',
    ),
  };
}

export function medicationStatementFromFhir(resource: MedicationStatement): MedicationFields {
  requirePatientReference(resource.subject, 'MedicationStatement.subject');
  if (resource.status === undefined) {
    throw new FhirMappingError('MedicationStatement.status is required');
  }
  return {
    ...medicationCode(resource),
    sourceType: 'MedicationStatement',
    status: resource.status,
    intent: null,
    dosage: resource.dosage?.[0]?.text ?? null,
    startedAt: parseFhirDateTime(
      resource.effectiveDateTime ?? resource.effectivePeriod?.start,
      'MedicationStatement.effective[x]',
    ),
    endedAt: parseFhirDateTime(resource.effectivePeriod?.end, 'MedicationStatement.effectivePeriod.end'),
  };
}

export function medicationToFhir(
  fields: MedicationFields,
  fhirId: string,
  patientRef: string,
): MedicationRequest | MedicationStatement {
  const medicationCodeableConcept = toCodeableConcept(fields) ?? { text: 'unknown' };
  if (fields.sourceType === 'MedicationStatement') {
    const statement: MedicationStatement = {
      resourceType: 'MedicationStatement',
      id: fhirId,
      status: fields.status as MedicationStatement['status'],
      medicationCodeableConcept,
      subject: patientReference(patientRef),
      dosage: fields.dosage === null ? undefined : [{ text: fields.dosage }],
    };
    if (fields.endedAt !== null) {
      statement.effectivePeriod = {
        start: fields.startedAt?.toISOString(),
        end: fields.endedAt.toISOString(),
      };
    } else if (fields.startedAt !== null) {
      statement.effectiveDateTime = fields.startedAt.toISOString();
    }
    return statement;
  }
  return {
    resourceType: 'MedicationRequest',
    id: fhirId,
    status: fields.status as MedicationRequest['status'],
    intent: (fields.intent ?? 'order') as MedicationRequest['intent'],
    medicationCodeableConcept,
    subject: patientReference(patientRef),
    authoredOn: fields.startedAt?.toISOString(),
    dosageInstruction: fields.dosage === null ? undefined : [{ text: fields.dosage }],
    dispenseRequest:
      fields.endedAt === null ? undefined : { validityPeriod: { end: fields.endedAt.toISOString() } },
  };
}
