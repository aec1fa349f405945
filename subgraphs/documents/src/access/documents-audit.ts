import { recordAudit, type AuditEntry, type RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';

const groupKey = (entry: AuditEntry): string =>
  `${entry.action}\u0000${entry.entityType}\u0000${entry.outcome}`;

/**
 * Audit entries of one request written together: entries queued in the same tick with the same action, entity type
 * and outcome become one audit.recorded event naming every entity and patient, so a list read costs one event.
 */
function auditTrail(ctx: RequestContext): DataLoader<AuditEntry, true> {
  return ctx.loaders.get(
    'documents-audit',
    () =>
      new DataLoader<AuditEntry, true>(
        async (entries) => {
          const merged = new Map<string, AuditEntry>();
          for (const entry of entries) {
            const existing = merged.get(groupKey(entry));
            if (existing) {
              existing.entityIds.push(...entry.entityIds);
              existing.patientIds.push(...entry.patientIds);
            } else
              merged.set(groupKey(entry), {
                ...entry,
                entityIds: [...entry.entityIds],
                patientIds: [...entry.patientIds],
              });
          }
          await ctx.dataSource.transaction(async (manager) => {
            for (const entry of merged.values())
              await recordAudit(manager, ctx, { ...entry, entityIds: [...new Set(entry.entityIds)] });
          });
          return entries.map(() => true as const);
        },
        { cache: false },
      ),
  );
}

/** Records a read (or a refused access) of documents outside any write transaction. */
export async function auditAccess(ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await auditTrail(ctx).load(entry);
}
