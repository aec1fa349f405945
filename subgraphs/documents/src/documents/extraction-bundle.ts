import { type ExtractionEntity, ExtractionKind } from '../entities/extraction.entity';

const LAB_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const CONDITION_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
/** FHIR's clinical status codes; printed words outside it (e.g. `chronic`) stay in the note, not the status. */
const CLINICAL_STATUSES = new Set(['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved']);

interface BundleEntry {
  fullUrl: string;
  resource: Record<string, unknown>;
}

const codeOf = (extraction: ExtractionEntity): Record<string, unknown> => ({
  coding: [{ system: extraction.codeSystem, code: extraction.code, display: extraction.display }],
  text: extraction.display,
});

const sourceOf = (extraction: ExtractionEntity): { reference: string } => ({
  reference: `DocumentReference/${extraction.documentId}`,
});

function observation(extraction: ExtractionEntity, id: string): Record<string, unknown> {
  const resource: Record<string, unknown> = {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [{ coding: [{ system: LAB_CATEGORY, code: 'laboratory' }] }],
    code: codeOf(extraction),
    derivedFrom: [sourceOf(extraction)],
    ...(extraction.effectiveAt ? { effectiveDateTime: extraction.effectiveAt.toISOString() } : {}),
  };
  if (extraction.value !== null)
    resource.valueQuantity = {
      value: extraction.value,
      ...(extraction.unit ? { unit: extraction.unit } : {}),
    };
  else resource.valueString = extraction.valueText;
  if (extraction.referenceLow !== null || extraction.referenceHigh !== null)
    resource.referenceRange = [
      {
        ...(extraction.referenceLow !== null ? { low: { value: extraction.referenceLow } } : {}),
        ...(extraction.referenceHigh !== null ? { high: { value: extraction.referenceHigh } } : {}),
        ...(extraction.referenceText ? { text: extraction.referenceText } : {}),
      },
    ];
  if (extraction.flag)
    resource.interpretation = [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
            code: extraction.flag,
          },
        ],
      },
    ];
  return resource;
}

/** A diagnosis the patient confirmed: a problem-list Condition whose evidence is the document. */
function condition(extraction: ExtractionEntity, id: string): Record<string, unknown> {
  const status = extraction.clinicalStatus ?? 'active';
  return {
    resourceType: 'Condition',
    id,
    clinicalStatus: {
      coding: [{ system: CONDITION_CLINICAL, code: CLINICAL_STATUSES.has(status) ? status : 'active' }],
    },
    verificationStatus: { coding: [{ system: CONDITION_VERIFICATION, code: 'confirmed' }] },
    category: [{ coding: [{ system: CONDITION_CATEGORY, code: 'problem-list-item' }] }],
    code: codeOf(extraction),
    evidence: [{ detail: [sourceOf(extraction)] }],
    ...(extraction.onsetText ? { onsetString: extraction.onsetText } : {}),
  };
}

/** A medication the patient confirmed taking: a MedicationStatement derived from the document. */
function medicationStatement(extraction: ExtractionEntity, id: string): Record<string, unknown> {
  return {
    resourceType: 'MedicationStatement',
    id,
    status: 'active',
    medicationCodeableConcept: codeOf(extraction),
    derivedFrom: [sourceOf(extraction)],
    ...(extraction.valueText
      ? {
          dosage: [
            {
              text: extraction.valueText,
              ...(extraction.route ? { route: { text: extraction.route } } : {}),
            },
          ],
        }
      : {}),
  };
}

function resourceOf(extraction: ExtractionEntity, id: string): Record<string, unknown> {
  switch (extraction.kind) {
    case ExtractionKind.LAB_RESULT:
      return observation(extraction, id);
    case ExtractionKind.CONDITION:
      return condition(extraction, id);
    case ExtractionKind.MEDICATION:
      return medicationStatement(extraction, id);
  }
}

/**
 * A FHIR R4 collection bundle with the confirmed result: an Observation (lab result), a Condition (diagnosis) or a
 * MedicationStatement (medication). It names no subject (the event names the patient; the patient subgraph sets it)
 * and points at its source, `DocumentReference/<document id>` (Observation and MedicationStatement `derivedFrom`,
 * Condition `evidence.detail`). Printed names keep their extracted-name system, which the standards subgraph maps to
 * LOINC for lab results wherever the Observation is read; diagnoses printed with an ICD-10 code carry that code.
 */
export function extractionBundle(extraction: ExtractionEntity): {
  resourceType: 'Bundle';
  type: 'collection';
  entry: BundleEntry[];
} {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        fullUrl: `urn:uuid:${extraction.id}`,
        resource: resourceOf(extraction, `doc-extraction-${extraction.id}`),
      },
    ],
  };
}
