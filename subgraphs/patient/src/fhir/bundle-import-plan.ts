import type { Patient, Reference, Resource } from '@medplum/fhirtypes';
import type { BundleEntries, BundleResourceEntry, EntryIssue } from './bundle-entries';
import { resolveBundleReferences } from './bundle-references';
import { contentHash } from './content-hash';
import { parseFhirDateTime } from './fhir-date';
import { FhirMappingError } from './fhir-mapping-error';
import { patientFromFhir, type PatientFields } from './patient-mapping';
import { recordFromFhir, recordKindOf, type AnyRecordFields, type RecordKind } from './record-kinds';

/** A resource to keep raw in fhir_resource. */
export interface PlannedResource {
  index: number;
  resourceType: string;
  fhirId: string;
  resource: Resource;
  contentHash: string;
  sourceSystem: string | null;
  /** The EHR it was synced from ('' for the patient's own imports): part of its identity with `fhirId`. */
  syncedFrom: string;
  versionId: string | null;
  lastUpdated: Date | null;
}

/** A typed record to upsert, keyed by the FHIR id of the resource it came from. */
export interface PlannedRecord {
  index: number;
  sourceFhirId: string;
  /** As `PlannedResource.syncedFrom`. */
  syncedFrom: string;
  contentHash: string;
  /** meta.lastUpdated of the resource it came from. */
  lastUpdated: Date | null;
  record: AnyRecordFields;
}

export interface PlannedPatient {
  index: number;
  fhirId: string;
  contentHash: string;
  fields: PatientFields;
}

/** Everything one bundle would write, decided before any SQL runs. */
export interface BundleImportPlan {
  /** FHIR id of the patient the bundle is about; null when nothing in it names a patient. */
  patientFhirId: string | null;
  patient: PlannedPatient | null;
  resources: PlannedResource[];
  records: PlannedRecord[];
  skipped: EntryIssue[];
  errors: EntryIssue[];
}

function patientIdOf(reference: Reference | undefined): string | null {
  const match = /^Patient\/([^/]+)$/.exec(reference?.reference ?? '');
  return match?.[1] ?? null;
}

function subjectPatientId(resource: Resource): string | null {
  const holder = resource as { subject?: Reference; patient?: Reference };
  return patientIdOf(holder.subject) ?? patientIdOf(holder.patient);
}

function ownerOf(entries: BundleResourceEntry[], known: string | null): string | null {
  if (known !== null) return known;
  const patient = entries.find((e) => e.resource.resourceType === 'Patient');
  if (patient !== undefined) return patient.resource.id;
  for (const entry of entries) {
    const id = subjectPatientId(entry.resource);
    if (id !== null) return id;
  }
  return null;
}

/** The key of a deleted record's tombstone, as `planBundleImport` looks it up. */
export function deletedRecordKey(kind: RecordKind, sourceFhirId: string): string {
  return `${kind}|${sourceFhirId}`;
}

/**
 * Decides what a bundle imports: resolves references, rejects entries of another patient, maps supported types to
 * records and hashes every resource. `ownerFhirId` is the FHIR id the target record already carries, if any;
 * without one the bundle's Patient (else the first patient it references) becomes the owner. Resources of records
 * deleted from this record (`deletedRecords`, keys from `deletedRecordKey`) are skipped, raw copy included.
 * `syncedFrom` is the EHR a synced bundle came from ('' for the patient's own), part of every resource's identity.
 */
export function planBundleImport(
  entries: BundleEntries,
  storedConditionalTargets: ReadonlyMap<string, string>,
  ownerFhirId: string | null,
  deletedRecords: ReadonlySet<string> = new Set(),
  syncedFrom = '',
): BundleImportPlan {
  const { resolved, errors } = resolveBundleReferences(entries.resources, storedConditionalTargets);
  const owner = ownerOf(resolved, ownerFhirId);
  const plan: BundleImportPlan = {
    patientFhirId: owner,
    patient: null,
    resources: [],
    records: [],
    skipped: [...entries.skipped],
    errors: [...entries.errors, ...errors],
  };
  for (const { index, resource } of resolved) {
    const fail = (reason: string): void => {
      plan.errors.push({ index, resourceType: resource.resourceType, fhirId: resource.id, reason });
    };
    const subject = resource.resourceType === 'Patient' ? resource.id : subjectPatientId(resource);
    if (subject !== null && subject !== owner) {
      fail(`belongs to another patient (Patient/${subject}, this record is Patient/${owner ?? 'none'})`);
      continue;
    }
    const kind = recordKindOf(resource.resourceType);
    if (kind !== null && deletedRecords.has(deletedRecordKey(kind, resource.id))) {
      plan.skipped.push({
        index,
        resourceType: resource.resourceType,
        fhirId: resource.id,
        reason: 'this record was deleted from the patient record; a deletion is not undone by re-importing',
      });
      continue;
    }
    try {
      const hash = contentHash(resource as unknown as Record<string, unknown>);
      const lastUpdated = parseFhirDateTime(
        resource.meta?.lastUpdated,
        `${resource.resourceType}.meta.lastUpdated`,
      );
      if (resource.resourceType === 'Patient') {
        plan.patient = {
          index,
          fhirId: resource.id,
          contentHash: hash,
          fields: patientFromFhir(resource as Patient),
        };
      }
      const record = recordFromFhir(resource);
      if (record !== null) {
        plan.records.push({
          index,
          sourceFhirId: resource.id,
          syncedFrom,
          contentHash: hash,
          lastUpdated,
          record,
        });
      }
      plan.resources.push({
        index,
        resourceType: resource.resourceType,
        fhirId: resource.id,
        resource,
        contentHash: hash,
        sourceSystem: resource.meta?.source ?? entries.sourceSystem,
        syncedFrom,
        versionId: resource.meta?.versionId ?? null,
        lastUpdated,
      });
    } catch (error) {
      if (!(error instanceof FhirMappingError)) throw error;
      fail(error.message);
    }
  }
  plan.errors.sort((a, b) => a.index - b.index);
  plan.skipped.sort((a, b) => a.index - b.index);
  return plan;
}
