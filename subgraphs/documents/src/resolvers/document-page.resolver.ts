import { requireUser, type RequestContext } from '@holovitals/subgraph-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { DocumentsServices } from '../documents-services';
import { signedFileLink } from '../documents/document-reads';
import { DocumentPageEntity } from '../entities/document-page.entity';

type Ctx = RequestContext<DocumentsServices>;

@Resolver(() => DocumentPageEntity)
export class DocumentPageResolver {
  // Pages are only reached through a Document the caller may read; the link is checked again when fetched.
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Signed, expiring link to the page as an image (PNG of a PDF page, or the uploaded PNG/JPEG); null when there is none (TIFF uploads, pages that could not be drawn). Layout boxes are in `width`×`height` units of this image’s page.',
  })
  imageUrl(@Root() page: DocumentPageEntity, @Ctx() ctx: Ctx): string | null {
    if (page.imageKey === null) return null;
    return signedFileLink(ctx, requireUser(ctx), page.imageKey).url;
  }
}
