import { hasRole, Role, type RequestContext } from '@holovitals/subgraph-kit';
import { CONSENT_READ_SCOPE } from '../access/consent-scope';
import { PatientEntity } from '../entities/patient.entity';
import { decodeCursor, encodeCursor } from './list-cursor';
import type { RecordPage } from './record-list.loader';
import { hydrateRow } from './row-hydration';

/**
 * A page of the patients the caller may see, oldest record first: every patient for an admin, those the caller
 * holds an active READ_RECORD consent for otherwise. One query.
 */
export async function loadPatientPage(
  ctx: RequestContext,
  args: { first: number; after: string | null; name: string | null },
): Promise<RecordPage<PatientEntity>> {
  const principal = ctx.principal;
  const params: unknown[] = [];
  const conditions: string[] = [];
  if (principal === null || !hasRole(principal, Role.ADMIN)) {
    params.push(principal?.id ?? null);
    params.push(CONSENT_READ_SCOPE);
    conditions.push(`EXISTS (SELECT 1 FROM consent_projection c WHERE c.patient_id = p.id
      AND c.grantee_user_id = $${params.length - 1}::uuid AND c.revoked_at IS NULL
      AND $${params.length} = ANY(c.scopes) AND (c.expires_at IS NULL OR c.expires_at > now()))`);
  }
  if (args.name) {
    params.push(`%${args.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    conditions.push(`(p.given_name ILIKE $${params.length} OR p.family_name ILIKE $${params.length})`);
  }
  if (args.after !== null) {
    const position = decodeCursor(args.after);
    params.push(position.sortValue, position.id);
    conditions.push(`(p.created_at, p.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(args.first + 1);
  const rows = (await ctx.dataSource.query(
    `SELECT p.*, p.birth_date::text AS birth_date, p.created_at::text AS sort_value FROM patient p
      ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY p.created_at, p.id LIMIT $${params.length}`,
    params,
  )) as Record<string, unknown>[];
  const items = rows.slice(0, args.first).map((row) => ({
    node: hydrateRow(ctx.dataSource, PatientEntity, row),
    cursor: encodeCursor({ sortValue: row.sort_value as string, id: row.id as string }),
  }));
  return { items, hasNextPage: rows.length > args.first };
}
