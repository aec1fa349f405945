import type { RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DocumentsServices } from '../documents-services';
import { deleteDocument, reprocessDocument } from '../documents/document-lifecycle';
import { downloadLink, listDocuments, readableDocument } from '../documents/document-reads';
import { requestUpload } from '../documents/document-upload';
import { DocumentPageEntity } from '../entities/document-page.entity';
import { DocumentEntity } from '../entities/document.entity';
import { ExtractionEntity } from '../entities/extraction.entity';
import { extractionsLoader, pagesLoader } from '../loaders/document-children.loader';
import { DocumentFilter } from './types/document-filter.input';
import { DocumentDownload, DocumentList, DocumentUpload } from './types/document-results.type';
import { UploadDocumentInput } from './types/upload-document.input';

type Ctx = RequestContext<DocumentsServices>;

@Resolver(() => DocumentEntity)
export class DocumentResolver {
  @Query(() => DocumentEntity, {
    description: 'One document the caller may read (owner, READ_DOCUMENTS grantee, admin).',
  })
  document(
    @Arg('id', () => ID, { description: 'The document id.' }) id: string,
    @Ctx() ctx: Ctx,
  ): Promise<DocumentEntity> {
    return readableDocument(ctx, id);
  }

  @Query(() => DocumentList, { description: 'A patient’s documents, newest first.' })
  documents(
    @Arg('filter', () => DocumentFilter, {
      nullable: true,
      description: 'Which documents; the caller’s own by default.',
    })
    filter: DocumentFilter | null,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size, 1–100.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: '`endCursor` of the previous page.' })
    after: string | null,
    @Ctx() ctx: Ctx,
  ): Promise<DocumentList> {
    return listDocuments(ctx, filter ?? {}, first, after);
  }

  @Query(() => DocumentDownload, { description: 'A signed, expiring link to download the original file.' })
  documentDownloadUrl(
    @Arg('id', () => ID, { description: 'The document id.' }) id: string,
    @Ctx() ctx: Ctx,
  ): Promise<DocumentDownload> {
    return downloadLink(ctx, id);
  }

  @Mutation(() => DocumentUpload, {
    description:
      'Creates a document and returns a signed URL to PUT its bytes to; processing starts when they arrive.',
  })
  uploadDocument(
    @Arg('input', () => UploadDocumentInput, { description: 'Name, size and patient of the file.' })
    input: UploadDocumentInput,
    @Ctx() ctx: Ctx,
  ): Promise<DocumentUpload> {
    return requestUpload(ctx, input);
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes a document (soft delete, audited; its file is purged). Results already confirmed stay.',
  })
  deleteDocument(
    @Arg('id', () => ID, { description: 'The document id.' }) id: string,
    @Ctx() ctx: Ctx,
  ): Promise<boolean> {
    return deleteDocument(ctx, id);
  }

  @Mutation(() => DocumentEntity, {
    description: 'Reads the document again (text, OCR, extraction); undecided proposals are replaced.',
  })
  reprocessDocument(
    @Arg('id', () => ID, { description: 'The document id.' }) id: string,
    @Ctx() ctx: Ctx,
  ): Promise<DocumentEntity> {
    return reprocessDocument(ctx, id);
  }

  @FieldResolver(() => [DocumentPageEntity], { description: 'Pages with their text, in order.' })
  pages(@Root() document: DocumentEntity, @Ctx() ctx: Ctx): Promise<DocumentPageEntity[]> {
    return pagesLoader(ctx).load(document.id);
  }

  @FieldResolver(() => [ExtractionEntity], {
    description: 'Results extracted from the pages, in reading order.',
  })
  extractions(@Root() document: DocumentEntity, @Ctx() ctx: Ctx): Promise<ExtractionEntity[]> {
    return extractionsLoader(ctx).load(document.id);
  }
}
