import { hasRole, type Principal, recordAudit, type RequestContext, Role } from '@holovitals/subgraph-kit';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';
import type { AnalysisServices } from '../analysis-services';
import { mayManagePatientContext } from '../access/analyses-access';
import type { ContextEntryEntity } from '../entities/context-entry.entity';
import { findContext, openContext, storeContext, type ContextTier, warmContext } from './context-cache';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CachedContext {
  entry: ContextEntryEntity;
  /** The sanitized text: what the cache holds and what a model may be sent. */
  text: string;
  tier: ContextTier;
}

type Ctx = RequestContext<AnalysisServices>;

/** storeContext: the patient (or ADMIN) caches de-identified context for the patient; audited with the row. */
export async function storeContextFor(
  ctx: Ctx,
  principal: Principal,
  input: { patientId: string; text: string },
): Promise<CachedContext> {
  const max = ctx.services.config.ANALYSIS_CONTEXT_MAX_CHARS;
  if (!UUID.test(input.patientId)) {
    throw new AnalysisError(AnalysisErrorCode.BAD_USER_INPUT, 'patientId is not a patient id.', {
      field: 'patientId',
    });
  }
  if (input.text.trim().length === 0 || input.text.length > max) {
    throw new AnalysisError(AnalysisErrorCode.BAD_USER_INPUT, `text must hold 1 to ${max} characters.`, {
      field: 'text',
    });
  }
  if (!(await mayManagePatientContext(ctx, input.patientId))) {
    await audit(ctx, 'create', [], input.patientId, 'DENIED');
    throw new AnalysisError(
      AnalysisErrorCode.FORBIDDEN,
      'Only the patient or an ADMIN may cache context for this record.',
    );
  }
  const stored = await ctx.dataSource.transaction(async (manager) => {
    const created = await storeContext(manager, ctx.services.contextCache, {
      patientId: input.patientId,
      ownerUserId: principal.id,
      text: input.text,
    });
    await recordAudit(manager, ctx, {
      action: 'create',
      entityType: 'ContextEntry',
      entityIds: [created.entry.id],
      patientIds: [input.patientId],
      outcome: 'SUCCESS',
    });
    return created;
  });
  const warm = await warmContext(ctx.services.contextCache, stored.entry.id, stored.ciphertext);
  return { entry: stored.entry, text: stored.text, tier: warm ? 'HOT' : 'COLD' };
}

/** context: whoever stored it, the patient, or ADMIN; anyone else (or an expired id) is NOT_FOUND, audited. */
export async function readContextFor(ctx: Ctx, principal: Principal, id: string): Promise<CachedContext> {
  const entry = UUID.test(id) ? await findContext(ctx.dataSource.manager, id) : null;
  const allowed =
    entry !== null &&
    (entry.ownerUserId === principal.id ||
      hasRole(principal, Role.ADMIN) ||
      (await mayManagePatientContext(ctx, entry.patientId)));
  if (!entry || !allowed) {
    if (entry) await audit(ctx, 'read', [entry.id], entry.patientId, 'DENIED');
    throw new AnalysisError(AnalysisErrorCode.CONTEXT_NOT_FOUND, `No context ${id}.`, { id });
  }
  const opened = await openContext(ctx.dataSource.manager, ctx.services.contextCache, entry);
  await audit(ctx, 'read', [entry.id], entry.patientId, 'SUCCESS');
  return { entry, ...opened };
}

function audit(
  ctx: Ctx,
  action: string,
  entityIds: string[],
  patientId: string,
  outcome: 'SUCCESS' | 'DENIED',
): Promise<void> {
  return recordAudit(ctx.dataSource.manager, ctx, {
    action,
    entityType: 'ContextEntry',
    entityIds,
    patientIds: [patientId],
    outcome,
  });
}
