import type { EntityManager } from 'typeorm';
import { readBundleEntries, type EntryIssue } from '../fhir/bundle-entries';
import { planBundleImport } from '../fhir/bundle-import-plan';
import { unresolvedConditionalReferences } from '../fhir/bundle-references';
import { BundleRejectedError, BundleRejectionReason } from '../fhir/bundle-rejection';
import { RECORD_KINDS } from '../fhir/record-kinds';
import { PatientError, PatientErrorCode } from '../patient-error';
import { findDeletedRecords } from '../records/record-deletion';
import { bundleJsonBytes } from './bundle-size';
import { upsertBundle } from './bundle-upsert';
import { findConditionalTargets } from './conditional-targets';
import { screenSyncedPlan } from './sync-conflicts';
import { writePatientDemographics } from './patient-demographics-write';

/** What one bundle import did. Counts are per imported resource; `rowsWritten` counts every row touched. */
export interface FhirImportSummary {
  patientId: string;
  patientFhirId: string | null;
  created: number;
  updated: number;
  unchanged: number;
  skipped: EntryIssue[];
  errors: EntryIssue[];
  rowsWritten: number;
  /** Record kinds (and `demographics`) that changed, for the patient.updated event. */
  changed: string[];
  /** Per FHIR resource type, what happened to the imported resources. */
  byResourceType: Record<string, ResourceTypeCounts>;
}

/** What an import did with the resources of one FHIR resource type. */
export interface ResourceTypeCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Not applied: the patient had edited the synced record (see sync-conflicts.ts). */
  conflicts: number;
}

export interface FhirImportLimits {
  maxBundleBytes: number;
}

/**
 * Where a synced bundle comes from: the EHR's FHIR base URL (part of each resource's identity) and the patient's
 * id there (the SMART launch's patient context), which stands for the owner's record whatever id it had before.
 */
export interface SyncOrigin {
  syncedFrom: string;
  sourcePatientId: string | null;
}

function rejectionCode(reason: BundleRejectionReason): PatientErrorCode {
  switch (reason) {
    case BundleRejectionReason.NOT_A_BUNDLE:
      return PatientErrorCode.NOT_A_BUNDLE;
    case BundleRejectionReason.UNSUPPORTED_BUNDLE_TYPE:
      return PatientErrorCode.UNSUPPORTED_BUNDLE_TYPE;
    case BundleRejectionReason.TOO_LARGE:
      return PatientErrorCode.BUNDLE_TOO_LARGE;
  }
}

export interface ImportOptions {
  /**
   * Whether a bundle without a Patient entry may link an unlinked record to the FHIR patient id its resources name
   * (an EHR's). False for bundles this deployment wrote itself, whose subject is only a stand-in for the record.
   */
  linkPatientFhirId: boolean;
}

/**
 * Imports a FHIR bundle into an existing patient record inside the caller's transaction. Good entries are written,
 * bad ones reported by index; a bundle that is not importable at all raises a PatientError and writes nothing.
 * The patient row is locked first so two imports into one record run one after the other.
 */
export async function importBundleIntoPatient(
  manager: EntityManager,
  patientId: string,
  bundle: unknown,
  limits: FhirImportLimits,
  origin: SyncOrigin | null = null,
  options: ImportOptions = { linkPatientFhirId: true },
): Promise<FhirImportSummary> {
  try {
    const size = bundleJsonBytes(bundle);
    if (size > limits.maxBundleBytes) {
      throw new BundleRejectedError(
        BundleRejectionReason.TOO_LARGE,
        `The bundle is ${size} bytes; the limit is ${limits.maxBundleBytes}. Split it into smaller bundles.`,
      );
    }
    const entries = readBundleEntries(bundle);
    const locked = (await manager.query(`SELECT source_fhir_id FROM patient WHERE id = $1 FOR UPDATE`, [
      patientId,
    ])) as { source_fhir_id: string | null }[];
    if (locked.length === 0) throw new PatientError(PatientErrorCode.PATIENT_NOT_FOUND, 'No such patient.');
    const stored = await findConditionalTargets(
      manager,
      patientId,
      unresolvedConditionalReferences(entries.resources),
    );
    const deleted = await findDeletedRecords(
      manager,
      patientId,
      entries.resources.map((entry) => entry.resource.id),
      origin?.syncedFrom ?? '',
    );
    // A synced bundle is about the connection's patient, whatever FHIR id the record was first imported under.
    const owner = origin === null ? locked[0].source_fhir_id : origin.sourcePatientId;
    const plan = planBundleImport(entries, stored, owner, deleted, origin?.syncedFrom ?? '');
    const planned = plan.resources.length;
    const perType: FhirImportSummary['byResourceType'] = {};
    const typeCounts = (type: string): ResourceTypeCounts =>
      (perType[type] ??= { created: 0, updated: 0, unchanged: 0, conflicts: 0 });
    let conflicts = 0;
    if (origin !== null) {
      const screening = await screenSyncedPlan(manager, patientId, origin.syncedFrom, plan);
      for (const [type, count] of screening.stale) typeCounts(type).unchanged += count;
      for (const [type, count] of screening.conflicts) {
        typeCounts(type).conflicts += count;
        conflicts += count;
      }
    }

    const { counts: written, byResourceType } = await upsertBundle(manager, patientId, plan);
    const raw = written.get('fhir_resource') ?? { inserted: 0, updated: 0 };
    for (const resource of plan.resources) typeCounts(resource.resourceType).unchanged += 1;
    for (const [type, counts] of byResourceType) {
      const entry = typeCounts(type);
      entry.created = counts.inserted;
      entry.updated = counts.updated;
      entry.unchanged -= counts.inserted + counts.updated;
    }
    let rowsWritten = raw.inserted + raw.updated;
    const changed: string[] = [];
    for (const kind of RECORD_KINDS) {
      const counts = written.get(kind) ?? { inserted: 0, updated: 0 };
      rowsWritten += counts.inserted + counts.updated;
      if (counts.inserted + counts.updated > 0) changed.push(kind);
    }
    // A sync never relinks the record to the EHR's patient id: the patient's own imports keep theirs.
    const linkable = plan.patient !== null || options.linkPatientFhirId;
    const demographics = linkable
      ? await writePatientDemographics(
          manager,
          patientId,
          origin === null ? plan.patientFhirId : null,
          plan.patient,
        )
      : 0;
    if (demographics > 0) changed.unshift('demographics');
    rowsWritten += demographics;

    return {
      patientId,
      patientFhirId: plan.patientFhirId,
      created: raw.inserted,
      updated: raw.updated,
      unchanged: planned - raw.inserted - raw.updated - conflicts,
      skipped: plan.skipped,
      errors: plan.errors,
      rowsWritten,
      changed,
      byResourceType: perType,
    };
  } catch (error) {
    if (error instanceof BundleRejectedError) {
      throw new PatientError(rejectionCode(error.reason), error.message);
    }
    throw error;
  }
}
