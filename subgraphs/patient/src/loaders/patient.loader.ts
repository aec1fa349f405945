import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { PatientEntity } from '../entities/patient.entity';

/** Patients by id, one query per request. */
export function patientLoader(ctx: RequestContext): DataLoader<string, PatientEntity | null> {
  return ctx.loaders.get(
    'patient-by-id',
    () =>
      new DataLoader<string, PatientEntity | null>(async (ids) => {
        const rows = await ctx.dataSource.getRepository(PatientEntity).findBy({ id: In([...ids]) });
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );
}

/** Patients by the identity user who owns them (for myPatient and User.patient), one query per request. */
export function patientByOwnerLoader(ctx: RequestContext): DataLoader<string, PatientEntity | null> {
  return ctx.loaders.get(
    'patient-by-owner',
    () =>
      new DataLoader<string, PatientEntity | null>(async (ownerIds) => {
        const rows = await ctx.dataSource
          .getRepository(PatientEntity)
          .findBy({ ownerUserId: In([...ownerIds]) });
        const byOwner = new Map(rows.map((row) => [row.ownerUserId, row]));
        return ownerIds.map((id) => byOwner.get(id) ?? null);
      }),
  );
}
