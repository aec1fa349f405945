import type { RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { DocumentsServices } from '../documents-services';
import { searchDocuments } from '../documents/document-search';
import { DocumentSearchResults } from './types/document-results.type';

@Resolver()
export class DocumentSearchResolver {
  @Query(() => DocumentSearchResults, {
    description:
      'Full-text search over the documents the caller may read, best match first, with highlights.',
  })
  searchDocuments(
    @Arg('text', () => String, { description: 'Words to find (web-search syntax: quotes, OR, -word).' })
    text: string,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size, 1–50.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' })
    after: string | null,
    @Arg('patientId', () => ID, { nullable: true, description: 'Only this patient (required for admins).' })
    patientId: string | null,
    @Ctx() ctx: RequestContext<DocumentsServices>,
  ): Promise<DocumentSearchResults> {
    return searchDocuments(ctx, text, first, after, patientId);
  }
}
