import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { canAccessDocuments } from '../access/document-access';
import { auditAccess } from '../access/documents-audit';
import { DocumentEntity } from '../entities/document.entity';
import { ExtractionEntity } from '../entities/extraction.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function byIdLoader<T extends { id: string; patientId: string }>(
  ctx: RequestContext,
  name: string,
  entity: new () => T,
  alias: string,
  liveOnly: string,
): DataLoader<string, T | null> {
  return ctx.loaders.get(
    name,
    () =>
      new DataLoader<string, T | null>(async (ids) => {
        const valid = ids.filter((id) => UUID.test(id));
        const rows = await ctx.dataSource
          .getRepository(entity)
          .createQueryBuilder(alias)
          .where(`${alias}.id = ANY(:ids) AND ${liveOnly}`, { ids: valid })
          .getMany();
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
  );
}

async function visible<T extends { id: string; patientId: string }>(
  ctx: RequestContext,
  found: T | null,
  entityType: string,
): Promise<T | null> {
  if (found === null || !(await canAccessDocuments(ctx, found.patientId))) return null;
  await auditAccess(ctx, {
    action: 'read',
    entityType,
    entityIds: [found.id],
    patientIds: [found.patientId],
    outcome: 'SUCCESS',
  });
  return found;
}

/** Document by key for the gateway: batched, access-checked and audited like `document(id)`; null when hidden. */
export async function documentReference(
  reference: Record<string, unknown>,
  ctx: RequestContext,
): Promise<DocumentEntity | null> {
  const loader = byIdLoader(ctx, 'document-by-id', DocumentEntity, 'd', 'd.deleted_at IS NULL');
  return visible(ctx, await loader.load(String(reference.id)), 'Document');
}

/** Extraction by key for the gateway, with the same checks. */
export async function extractionReference(
  reference: Record<string, unknown>,
  ctx: RequestContext,
): Promise<ExtractionEntity | null> {
  const loader = byIdLoader(
    ctx,
    'extraction-by-id',
    ExtractionEntity,
    'e',
    'EXISTS (SELECT 1 FROM document d WHERE d.id = e.document_id AND d.deleted_at IS NULL)',
  );
  return visible(ctx, await loader.load(String(reference.id)), 'Extraction');
}
