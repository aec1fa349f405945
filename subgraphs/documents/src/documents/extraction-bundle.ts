import type { ExtractionEntity } from '../entities/extraction.entity';

const LAB_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

interface BundleEntry {
  fullUrl: string;
  resource: Record<string, unknown>;
}

/**
 * A FHIR R4 collection bundle with the confirmed result as an Observation. It names no subject (the event names the
 * patient) and points at its source with `derivedFrom: DocumentReference/<document id>`; the code is the printed
 * name under the extracted-name system, which the standards subgraph maps to LOINC wherever the Observation is read.
 */
export function extractionBundle(extraction: ExtractionEntity): {
  resourceType: 'Bundle';
  type: 'collection';
  entry: BundleEntry[];
} {
  const fhirId = `doc-extraction-${extraction.id}`;
  const observation: Record<string, unknown> = {
    resourceType: 'Observation',
    id: fhirId,
    status: 'final',
    category: [{ coding: [{ system: LAB_CATEGORY, code: 'laboratory' }] }],
    code: {
      coding: [{ system: extraction.codeSystem, code: extraction.code, display: extraction.display }],
      text: extraction.display,
    },
    derivedFrom: [{ reference: `DocumentReference/${extraction.documentId}` }],
    ...(extraction.effectiveAt ? { effectiveDateTime: extraction.effectiveAt.toISOString() } : {}),
  };
  if (extraction.value !== null)
    observation.valueQuantity = {
      value: extraction.value,
      ...(extraction.unit ? { unit: extraction.unit } : {}),
    };
  else observation.valueString = extraction.valueText;
  if (extraction.referenceLow !== null || extraction.referenceHigh !== null)
    observation.referenceRange = [
      {
        ...(extraction.referenceLow !== null ? { low: { value: extraction.referenceLow } } : {}),
        ...(extraction.referenceHigh !== null ? { high: { value: extraction.referenceHigh } } : {}),
        ...(extraction.referenceText ? { text: extraction.referenceText } : {}),
      },
    ];
  if (extraction.flag)
    observation.interpretation = [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
            code: extraction.flag,
          },
        ],
      },
    ];
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [{ fullUrl: `urn:uuid:${extraction.id}`, resource: observation }],
  };
}
