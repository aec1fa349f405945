import { type RequestContext } from '@holovitals/subgraph-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { canAccessPatient } from '../access/patient-authorization';
import { auditRead } from '../access/audit-trail';
import { requireUuids } from '../access/uuid-arguments';
import { PatientEntity } from '../entities/patient.entity';
import { UserReference } from '../entities/user-reference';
import { patientByOwnerLoader } from '../loaders/patient.loader';

@Resolver(() => UserReference)
export class UserPatientResolver {
  @FieldResolver(() => PatientEntity, {
    nullable: true,
    description: "The user's own patient record: null when they have none or the caller may not see it.",
  })
  async patient(@Root() user: UserReference, @Ctx() ctx: RequestContext): Promise<PatientEntity | null> {
    await requireUuids(ctx, [user.id], { action: 'read', entityType: 'Patient' });
    const patient = await patientByOwnerLoader(ctx).load(user.id);
    if (patient === null) return null;
    const allowed = await canAccessPatient(ctx, patient.id, 'read');
    await auditRead(ctx, {
      action: 'read',
      entityType: 'Patient',
      entityIds: [patient.id],
      patientIds: [patient.id],
      outcome: allowed ? 'SUCCESS' : 'DENIED',
    });
    return allowed ? patient : null;
  }
}
