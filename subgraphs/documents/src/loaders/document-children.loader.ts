import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';
import { DocumentPageEntity } from '../entities/document-page.entity';
import { ExtractionEntity } from '../entities/extraction.entity';

/** Pages of many documents in one statement per request. */
export function pagesLoader(ctx: RequestContext): DataLoader<string, DocumentPageEntity[]> {
  return ctx.loaders.get(
    'document-pages',
    () =>
      new DataLoader<string, DocumentPageEntity[]>(async (ids) => {
        const rows = await ctx.dataSource
          .getRepository(DocumentPageEntity)
          .createQueryBuilder('p')
          .where('p.document_id = ANY(:ids)', { ids: [...ids] })
          .orderBy('p.page_number')
          .getMany();
        return ids.map((id) => rows.filter((row) => row.documentId === id));
      }),
  );
}

/** Extractions of many documents in one statement per request, in page and reading order. */
export function extractionsLoader(ctx: RequestContext): DataLoader<string, ExtractionEntity[]> {
  return ctx.loaders.get(
    'document-extractions',
    () =>
      new DataLoader<string, ExtractionEntity[]>(async (ids) => {
        const rows = await ctx.dataSource
          .getRepository(ExtractionEntity)
          .createQueryBuilder('e')
          .where('e.document_id = ANY(:ids)', { ids: [...ids] })
          .orderBy('e.page_number')
          .addOrderBy(`(e.box->>'y')::float`)
          .getMany();
        return ids.map((id) => rows.filter((row) => row.documentId === id));
      }),
  );
}
