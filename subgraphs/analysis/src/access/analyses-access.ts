import { accessFacts, type AccessFacts } from '@holovitals/consent-projection';
import type { ConsentScope } from '@holovitals/events';
import { hasRole, Role, type RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';

/** The consent scope that lets a grantee read a patient's analyses (tasks, results, health score, care gaps, chat sessions). */
export const ANALYSES_SCOPE: ConsentScope = 'READ_ANALYSES';

const NO_ACCESS: AccessFacts = { isOwner: false, consented: false };

function accessLoader(ctx: RequestContext): DataLoader<string, AccessFacts> {
  return ctx.loaders.get('analyses-access', () => {
    const userId = ctx.principal?.id ?? '00000000-0000-0000-0000-000000000000';
    return new DataLoader<string, AccessFacts>(async (ids) => {
      const facts = await accessFacts(ctx.dataSource, userId, ids, ANALYSES_SCOPE);
      return ids.map((id) => facts.get(id) ?? NO_ACCESS);
    });
  });
}

/**
 * Whether the caller may read every analysis of the patient: ADMIN, the record's owner (as PATIENT), or a grantee
 * whose READ_ANALYSES consent is active now (judged at each read, so a revocation stops the next one). Answered
 * from this subgraph's own projection of patient.created and the consent events.
 */
export async function mayReadPatientAnalyses(ctx: RequestContext, patientId: string): Promise<boolean> {
  const principal = ctx.principal;
  if (principal === null) return false;
  if (hasRole(principal, Role.ADMIN)) return true;
  const facts = await accessLoader(ctx).load(patientId);
  return (facts.isOwner && hasRole(principal, Role.PATIENT)) || facts.consented;
}

/** ADMIN, or the record's owner signed in as PATIENT: who may put context into the cache for the patient. */
export async function mayManagePatientContext(ctx: RequestContext, patientId: string): Promise<boolean> {
  const principal = ctx.principal;
  if (principal === null) return false;
  if (hasRole(principal, Role.ADMIN)) return true;
  return hasRole(principal, Role.PATIENT) && (await accessLoader(ctx).load(patientId)).isOwner;
}
