import { recordAudit, requireUser, type RequestContext } from '@holovitals/subgraph-kit';
import { auditRead } from '../access/audit-trail';
import { accessDelegation, requirePatientAccess } from '../access/patient-authorization';
import { emitPatientUpdated } from '../events/patient-events';
import { publishPatientRecordChange } from '../live/record-change-publishing';
import type { EntryIssue } from '../fhir/bundle-entries';
import { PatientError, PatientErrorCode } from '../patient-error';
import type { PatientServices } from '../patient-services';
import { importBundleIntoPatient } from './fhir-bundle-import';
import { acquireImportSlot } from './import-slots';
import { ensureOwnPatient } from './own-patient';
import { exportPatientBundle } from './patient-export';

/** An entry left out of an import, with the code the API reports it under. */
export interface ImportIssue extends EntryIssue {
  code: 'BAD_USER_INPUT' | 'SKIPPED';
}

/** What an import did, as the API reports it. */
export interface ImportOutcome {
  patientId: string;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  skippedEntries: ImportIssue[];
  errors: ImportIssue[];
}

function issues(list: EntryIssue[], code: ImportIssue['code']): ImportIssue[] {
  return list.map((issue) => ({ ...issue, code }));
}

/**
 * Imports a bundle as the caller: into `requestedPatientId` (write access needed) or their own record (created on
 * first use), holding one of their import slots. The import, its audit event and patient.updated commit together;
 * a failed import is audited as such.
 */
export async function importFhirBundleAsCaller(
  ctx: RequestContext<PatientServices>,
  requestedPatientId: string | null,
  bundle: unknown,
): Promise<ImportOutcome> {
  const principal = requireUser(ctx);
  const patientId = requestedPatientId;
  if (patientId !== null) {
    await requirePatientAccess(ctx, patientId, 'write', { action: 'import', entityType: 'FhirResource' });
  }
  const delegation =
    patientId === null
      ? { consentId: null, onBehalfOf: null }
      : await accessDelegation(ctx, patientId, 'write');
  const limits = ctx.services.importSlots;
  const slot = await acquireImportSlot(ctx.redis, principal.id, limits);
  if (slot === null) {
    throw new PatientError(
      PatientErrorCode.TOO_MANY_IMPORTS,
      `You already have ${limits.maxConcurrentPerUser} imports running; wait for one to finish.`,
      { limit: limits.maxConcurrentPerUser },
    );
  }
  try {
    const { result, changed } = await ctx.dataSource.transaction(async (manager) => {
      const target = patientId ?? (await ensureOwnPatient(manager, ctx));
      const summary = await importBundleIntoPatient(manager, target, bundle, ctx.services.fhirImport);
      await recordAudit(manager, ctx, {
        action: 'import',
        entityType: 'FhirResource',
        entityIds: [target],
        patientIds: [target],
        outcome: 'SUCCESS',
        ...delegation,
      });
      await emitPatientUpdated(manager, ctx, target, summary.changed);
      const result = {
        patientId: target,
        created: summary.created,
        updated: summary.updated,
        unchanged: summary.unchanged,
        skipped: summary.skipped.length,
        skippedEntries: issues(summary.skipped, 'SKIPPED'),
        errors: issues(summary.errors, 'BAD_USER_INPUT'),
      };
      return { result, changed: summary.changed };
    });
    await publishPatientRecordChange(ctx, result.patientId, changed);
    return result;
  } catch (error) {
    await auditRead(ctx, {
      action: 'import',
      entityType: 'FhirResource',
      entityIds: patientId === null ? [] : [patientId],
      patientIds: patientId === null ? [] : [patientId],
      outcome: 'FAILURE',
    });
    throw error;
  } finally {
    await slot.release();
  }
}

/**
 * The patient's typed record as a FHIR bundle, for a caller with read access who, unless it is their own record,
 * stepped up for BULK_EXPORT; each export is audited.
 */
export async function exportFhirBundleAsCaller(ctx: RequestContext, patientId: string): Promise<unknown> {
  await requirePatientAccess(
    ctx,
    patientId,
    'read',
    { action: 'export', entityType: 'Patient' },
    { stepUp: 'BULK_EXPORT' },
  );
  const delegation = await accessDelegation(ctx, patientId, 'read');
  return ctx.dataSource.transaction(async (manager) => {
    const bundle = await exportPatientBundle(manager, patientId);
    await recordAudit(manager, ctx, {
      action: 'export',
      entityType: 'Patient',
      entityIds: [patientId],
      patientIds: [patientId],
      outcome: 'SUCCESS',
      ...delegation,
    });
    return bundle;
  });
}
