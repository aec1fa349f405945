import {
  connectionFromEdges,
  hasRole,
  recordAudit,
  requireRole,
  requireUser,
  Role,
  type Connection,
  type RequestContext,
} from '@holovitals/subgraph-kit';
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import { requireStepUp } from '../access/patient-authorization';
import { readPatientData } from '../access/record-read';
import { PatientEntity } from '../entities/patient.entity';
import { loadPatientPage } from '../loaders/patient-page';
import { patientByOwnerLoader, patientLoader } from '../loaders/patient.loader';
import { auditRead } from '../access/audit-trail';
import { UuidIdArguments } from '../access/uuid-arguments';
import { PatientError, PatientErrorCode } from '../patient-error';
import { ensureOwnPatient } from '../import/own-patient';
import { PatientConnection } from './types/connections';
import { ListArgs } from './types/list-args';
import { PatientFilter } from './types/patient-filter.input';

@Resolver(() => PatientEntity)
@UseMiddleware(UuidIdArguments)
export class PatientResolver {
  @Query(() => PatientEntity, { description: 'One patient record, if the caller may see it.' })
  async patient(
    @Arg('id', () => ID, { description: 'Patient id.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PatientEntity> {
    const [patient] = await readPatientData(ctx, id, 'Patient', async () => {
      const found = await patientLoader(ctx).load(id);
      return found === null ? [] : [found];
    });
    if (patient === undefined) throw new PatientError(PatientErrorCode.PATIENT_NOT_FOUND, 'No such patient.');
    return patient;
  }

  @Query(() => PatientEntity, {
    nullable: true,
    description: "The signed-in user's own record; null until created.",
  })
  async myPatient(@Ctx() ctx: RequestContext): Promise<PatientEntity | null> {
    const principal = requireUser(ctx);
    const patient = await patientByOwnerLoader(ctx).load(principal.id);
    if (patient === null) return null;
    await auditRead(ctx, {
      action: 'read',
      entityType: 'Patient',
      entityIds: [patient.id],
      patientIds: [patient.id],
      outcome: 'SUCCESS',
    });
    return patient;
  }

  @Query(() => PatientConnection, {
    description:
      'Patients the caller may see, oldest record first: all for admins (after an ADMIN_PHI_ACCESS step-up), consented ones for clinicians and partners.',
  })
  async patients(
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => PatientFilter, { nullable: true, description: 'Name filter.' })
    filter: PatientFilter | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<PatientEntity>> {
    const principal = requireRole(ctx, Role.ADMIN, Role.CLINICIAN, Role.PARTNER);
    // An admin's list holds every patient: it needs the same step-up as reading any one record.
    if (hasRole(principal, Role.ADMIN)) {
      await requireStepUp(ctx, 'ADMIN_PHI_ACCESS', { action: 'read', entityType: 'Patient' });
    }
    const page = await loadPatientPage(ctx, {
      first: args.first,
      after: args.after ?? null,
      name: filter?.name ?? null,
    });
    const ids = page.items.map((item) => item.node.id);
    await auditRead(ctx, {
      action: 'read',
      entityType: 'Patient',
      entityIds: ids,
      patientIds: ids,
      outcome: 'SUCCESS',
    });
    return connectionFromEdges(page.items, page.hasNextPage);
  }

  @Mutation(() => PatientEntity, {
    description: "Creates the signed-in patient's own (empty) record, or returns it if it exists already.",
  })
  async createMyPatient(@Ctx() ctx: RequestContext): Promise<PatientEntity> {
    const id = await ctx.dataSource.transaction(async (manager) => {
      const patientId = await ensureOwnPatient(manager, ctx);
      await recordAudit(manager, ctx, {
        action: 'create',
        entityType: 'Patient',
        entityIds: [patientId],
        patientIds: [patientId],
        outcome: 'SUCCESS',
      });
      return patientId;
    });
    return ctx.dataSource.getRepository(PatientEntity).findOneByOrFail({ id });
  }
}
