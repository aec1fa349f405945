import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { patientToFhir, type PatientFields } from './patient-mapping';
import { recordToFhir, type AnyRecordFields } from './record-kinds';

/** A record to export; `entryId` (a UUID) names its entry, `fhirId` becomes the resource id. */
export interface ExportedRecord {
  entryId: string;
  fhirId: string;
  record: AnyRecordFields;
}

export interface ExportedPatient {
  entryId: string;
  fhirId: string;
  fields: PatientFields;
}

/**
 * A FHIR R4 `collection` Bundle of a patient's typed record. Entries use `urn:uuid:` fullUrls and point at the
 * Patient entry, so the bundle is self-contained and imports back into the same records.
 */
export function buildExportBundle(
  patient: ExportedPatient,
  records: ExportedRecord[],
  timestamp: Date,
): Bundle {
  const patientUrl = `urn:uuid:${patient.entryId}`;
  const entry: BundleEntry[] = [
    { fullUrl: patientUrl, resource: patientToFhir(patient.fields, patient.fhirId) },
    ...records.map((r): BundleEntry => ({
      fullUrl: `urn:uuid:${r.entryId}`,
      resource: recordToFhir(r.record, r.fhirId, patientUrl),
    })),
  ];
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: timestamp.toISOString(),
    entry: entry.map(strip),
  };
}

/** Drops the undefined members the mappers leave, so the JSON holds no empty elements. */
function strip(entry: BundleEntry): BundleEntry {
  return JSON.parse(JSON.stringify(entry)) as BundleEntry & { resource: Resource };
}
