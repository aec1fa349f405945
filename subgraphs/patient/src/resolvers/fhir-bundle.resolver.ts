import {
  DomainError,
  ErrorCode,
  recordAudit,
  requireUser,
  type RequestContext,
} from '@holovitals/subgraph-kit';
import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, ID, Mutation, Resolver, UseMiddleware } from 'type-graphql';
import { auditRead } from '../access/audit-trail';
import { requirePatientAccess } from '../access/patient-authorization';
import { UuidIdArguments } from '../access/uuid-arguments';
import { emitPatientUpdated } from '../events/patient-events';
import type { EntryIssue } from '../fhir/bundle-entries';
import { importBundleIntoPatient } from '../import/fhir-bundle-import';
import { acquireImportSlot } from '../import/import-slots';
import { ensureOwnPatient } from '../import/own-patient';
import { exportPatientBundle } from '../import/patient-export';
import type { PatientServices } from '../patient-services';
import { FhirImportResult, type FhirImportIssue } from './types/fhir-import-result';

function issues(list: EntryIssue[], code: string): FhirImportIssue[] {
  return list.map((issue) => ({ ...issue, code }));
}

/** Import and export of whole FHIR R4 bundles. */
@Resolver()
@UseMiddleware(UuidIdArguments)
export class FhirBundleResolver {
  @Mutation(() => FhirImportResult, {
    description:
      'Imports a FHIR R4 Bundle (transaction, batch, collection or searchset) into a patient record in one ' +
      'transaction: valid entries are stored, invalid ones reported in `errors`. Re-importing unchanged ' +
      'resources writes nothing.',
  })
  async importFhirBundle(
    @Arg('patientId', () => ID, {
      nullable: true,
      description: 'Target record; omit to import into your own.',
    })
    requestedPatientId: string | null | undefined,
    @Arg('bundle', () => GraphQLJSON, { description: 'The FHIR Bundle as JSON.' }) bundle: unknown,
    @Ctx() ctx: RequestContext<PatientServices>,
  ): Promise<FhirImportResult> {
    const principal = requireUser(ctx);
    const patientId = requestedPatientId ?? null;
    if (patientId !== null) {
      await requirePatientAccess(ctx, patientId, 'write', { action: 'import', entityType: 'FhirResource' });
    }
    const limits = ctx.services.importSlots;
    const slot = await acquireImportSlot(ctx.redis, principal.id, limits);
    if (slot === null) {
      throw new DomainError(
        ErrorCode.RATE_LIMITED,
        `You already have ${limits.maxConcurrentPerUser} imports running; wait for one to finish.`,
        { limit: limits.maxConcurrentPerUser },
      );
    }
    try {
      return await ctx.dataSource.transaction(async (manager) => {
        const target = patientId ?? (await ensureOwnPatient(manager, ctx));
        const summary = await importBundleIntoPatient(manager, target, bundle, ctx.services.fhirImport);
        await recordAudit(manager, ctx, {
          action: 'import',
          entityType: 'FhirResource',
          entityIds: [target],
          patientIds: [target],
          outcome: 'SUCCESS',
        });
        await emitPatientUpdated(manager, ctx, target, summary.changed);
        return {
          patientId: target,
          created: summary.created,
          updated: summary.updated,
          unchanged: summary.unchanged,
          skipped: summary.skipped.length,
          skippedEntries: issues(summary.skipped, 'SKIPPED'),
          errors: issues(summary.errors, 'BAD_USER_INPUT'),
        };
      });
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

  // A mutation as the issue's contract lists it: an export is a disclosure event that is recorded, not a plain read.
  @Mutation(() => GraphQLJSON, { description: "The patient's typed record as a FHIR R4 collection Bundle." })
  async exportFhirBundle(
    @Arg('patientId', () => ID, { description: 'The patient record to export.' }) patientId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<unknown> {
    await requirePatientAccess(ctx, patientId, 'read', { action: 'export', entityType: 'Patient' });
    return ctx.dataSource.transaction(async (manager) => {
      const bundle = await exportPatientBundle(manager, patientId);
      await recordAudit(manager, ctx, {
        action: 'export',
        entityType: 'Patient',
        entityIds: [patientId],
        patientIds: [patientId],
        outcome: 'SUCCESS',
      });
      return bundle;
    });
  }
}
