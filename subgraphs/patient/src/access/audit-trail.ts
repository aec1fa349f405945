import { recordAudit, type AuditEntry, type RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';

function groupKey(entry: AuditEntry): string {
  return `${entry.action}\u0000${entry.entityType}\u0000${entry.outcome}`;
}

/**
 * Audit entries of one request, written together: entries queued in the same tick with the same action, entity
 * type and outcome become one audit event (ids merged; `patientId` kept when all concern one patient, else null),
 * in one transaction. So reading 100 patients' conditions costs the same statements as reading 10.
 */
function auditTrail(ctx: RequestContext): DataLoader<AuditEntry, true> {
  return ctx.loaders.get(
    'audit-trail',
    () =>
      new DataLoader<AuditEntry, true>(
        async (entries) => {
          const merged = new Map<string, AuditEntry & { patients: Set<string | null> }>();
          for (const entry of entries) {
            const key = groupKey(entry);
            const existing = merged.get(key);
            if (existing === undefined) {
              merged.set(key, {
                ...entry,
                entityIds: [...entry.entityIds],
                patients: new Set([entry.patientId]),
              });
            } else {
              existing.entityIds.push(...entry.entityIds);
              existing.patients.add(entry.patientId);
            }
          }
          await ctx.dataSource.transaction(async (manager) => {
            for (const { patients, ...entry } of merged.values()) {
              const patientId = patients.size === 1 ? [...patients][0] : null;
              await recordAudit(manager, ctx, {
                ...entry,
                entityIds: [...new Set(entry.entityIds)],
                patientId,
              });
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
