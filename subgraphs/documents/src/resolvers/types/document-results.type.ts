import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DocumentEntity } from '../../entities/document.entity';

@ObjectType({ description: 'A new document and where to upload its bytes.' })
export class DocumentUpload {
  @Field(() => DocumentEntity, { description: 'The document, AWAITING_UPLOAD until the bytes arrive.' })
  document: DocumentEntity;

  @Field(() => String, {
    description: 'Signed URL: PUT the raw file bytes here (not base64, not JSON) before `expiresAt`.',
  })
  uploadUrl: string;

  @Field(() => GraphQLDateTime, { description: 'When the upload URL stops working.' })
  expiresAt: Date;

  @Field(() => Int, { description: 'Most bytes the upload URL accepts.' })
  maxBytes: number;
}

@ObjectType({ description: 'A signed, expiring link to download a document’s original file.' })
export class DocumentDownload {
  @Field(() => String, { description: 'GET this URL for the file bytes.' })
  url: string;

  @Field(() => GraphQLDateTime, { description: 'When the link stops working.' })
  expiresAt: Date;
}

@ObjectType({ description: 'One page of documents, newest first.' })
export class DocumentList {
  @Field(() => [DocumentEntity], { description: 'The documents on this page.' })
  nodes: DocumentEntity[];

  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` for the next page; null on the last.',
  })
  endCursor: string | null;

  @Field(() => Boolean, { description: 'Whether more documents follow.' })
  hasNextPage: boolean;
}

@ObjectType({ description: 'A document page that matches a search, with the matching passage.' })
export class DocumentSearchHit {
  @Field(() => DocumentEntity, { description: 'The document.' })
  document: DocumentEntity;

  @Field(() => Int, { description: 'The matching page, from 1.' })
  pageNumber: number;

  @Field(() => Float, { description: 'PostgreSQL full-text rank (higher is better).' })
  rank: number;

  @Field(() => String, {
    description: 'The matching passage; matched words are wrapped in [[ and ]] (plain text, never HTML).',
  })
  highlight: string;
}

@ObjectType({ description: 'One page of search hits, best first.' })
export class DocumentSearchResults {
  @Field(() => [DocumentSearchHit], { description: 'The hits on this page.' })
  hits: DocumentSearchHit[];

  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` for the next page; null on the last.',
  })
  endCursor: string | null;

  @Field(() => Boolean, { description: 'Whether more hits follow.' })
  hasNextPage: boolean;
}
