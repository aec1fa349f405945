import { recordAudit, type AuditEntry, type RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';

function groupKey(entry: AuditEntry): string {
  return [entry.action, entry.entityType, entry.outcome, entry.consentId ?? '', entry.onBehalfOf ?? ''].join(
    '\u0000',
  );
}

/**
 * Audit entries of one request, written together: entries queued in the same tick with the same action, entity
 * type and outcome become one audit event (entity ids and patient ids merged, so the event names every patient it
 * touched), in one transaction. So reading 100 patients' conditions costs the same statements as reading 10.
 */
function auditTrail(ctx: RequestContext): DataLoader<AuditEntry, true> {
  return ctx.loaders.get(
    'audit-trail',
    () =>
      new DataLoader<AuditEntry, true>(
        async (entries) => {
          const merged = new Map<string, AuditEntry>();
          for (const entry of entries) {
            const key = groupKey(entry);
            const existing = merged.get(key);
            if (existing === undefined) {
              merged.set(key, {
                ...entry,
                entityIds: [...entry.entityIds],
                patientIds: [...entry.patientIds],
              });
            } else {
              existing.entityIds.push(...entry.entityIds);
              existing.patientIds.push(...entry.patientIds);
            }
          }
          await ctx.dataSource.transaction(async (manager) => {
            for (const entry of merged.values()) {
              await recordAudit(manager, ctx, { ...entry, entityIds: [...new Set(entry.entityIds)] });
            }
          });
          return entries.map(() => true as const);
        },
        { cache: false },
      ),
  );
}

/** Records a read (or denied access) outside any write transaction; resolves once the audit event is stored. */
export async function auditRead(ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await auditTrail(ctx).load(entry);
}
