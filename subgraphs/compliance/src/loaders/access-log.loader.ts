import { hasRole, recordAudit, requireUser, Role, type RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { ComplianceError, ComplianceErrorCode } from '../compliance-error';
import type { AccessLogEntry } from '../resolvers/types/access-log-entry.type';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface EntryRow {
  patient_id: string;
  seq: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_roles: string[];
  action: string;
  entity_type: string;
  outcome: string;
  on_behalf_of: string | null;
  consent_id: string | null;
}

/**
 * The access logs of every patient asked for in one request, `first` newest entries each: one query for who owns
 * them, one for the entries (a per-patient LIMIT over the patient index), one audit event for all of them. The
 * owner and ADMIN may read a patient's log; anyone else gets FORBIDDEN for that patient.
 */
export function accessLogLoader(ctx: RequestContext, first: number): DataLoader<string, AccessLogEntry[]> {
  return ctx.loaders.get(
    `patient-access-log:${first}`,
    () =>
      new DataLoader<string, AccessLogEntry[]>(async (patientIds) => {
        const principal = requireUser(ctx);
        const wellFormed = patientIds.filter((id) => UUID.test(id));
        const owners: Array<{ patient_id: string; owner: string | null }> = await ctx.dataSource.query(
          'SELECT patient_id, owner_user_id::text AS owner FROM patient_owner WHERE patient_id = ANY($1::uuid[])',
          [wellFormed],
        );
        const ownerOf = new Map(owners.map((row) => [row.patient_id, row.owner]));
        const admin = hasRole(principal, Role.ADMIN);
        const allowed = wellFormed.filter(
          (id) => ownerOf.has(id) && (admin || ownerOf.get(id) === principal.id),
        );
        const rows: EntryRow[] =
          allowed.length === 0
            ? []
            : await ctx.dataSource.query(
                `SELECT p.patient_id, e.* FROM unnest($1::uuid[]) AS p(patient_id)
                   LEFT JOIN patient_owner o ON o.patient_id = p.patient_id
                   CROSS JOIN LATERAL (
                     SELECT seq, occurred_at, actor_id, actor_roles, action, entity_type, outcome, on_behalf_of, consent_id
                       FROM audit_log a
                      WHERE a.patient_ids @> ARRAY[p.patient_id] AND cardinality(a.patient_ids) > 0
                        AND a.actor_id IS DISTINCT FROM o.owner_user_id::text
                      ORDER BY a.seq DESC LIMIT $2) e`,
                [allowed, first],
              );
        if (allowed.length > 0) {
          await recordAudit(ctx.dataSource.manager, ctx, {
            action: 'read',
            entityType: 'AccessLog',
            entityIds: allowed,
            patientIds: allowed,
            outcome: 'SUCCESS',
          });
        }
        const byPatient = new Map<string, AccessLogEntry[]>(allowed.map((id) => [id, []]));
        for (const row of rows) {
          byPatient.get(row.patient_id)!.push({
            seq: Number(row.seq),
            occurredAt: row.occurred_at,
            actorId: row.actor_id,
            actorRoles: row.actor_roles,
            action: row.action,
            entityType: row.entity_type,
            outcome: row.outcome,
            onBehalfOf: row.on_behalf_of,
            consentId: row.consent_id,
          });
        }
        return patientIds.map((id) => {
          const entries = byPatient.get(id);
          if (entries) return entries;
          return ownerOf.has(id)
            ? new ComplianceError(
                ComplianceErrorCode.ACCESS_LOG_FORBIDDEN,
                'Only the patient and ADMIN may read this access log.',
              )
            : new ComplianceError(
                ComplianceErrorCode.PATIENT_NOT_FOUND,
                'Compliance knows no patient with this id.',
              );
        });
      }),
  );
}
