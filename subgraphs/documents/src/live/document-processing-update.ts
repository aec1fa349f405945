import { CHANGE_KINDS, type ChangeKind } from '@holovitals/live-changes';
import { GraphQLError } from 'graphql';
import { Arg, Field, ID, ObjectType, registerEnumType, Resolver, Subscription } from 'type-graphql';
import { DocumentEntity } from '../entities/document.entity';
import { DOCUMENT_PROCESSING_UPDATED } from './document-changes';

export const DocumentChangeKind = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, kind])) as {
  [K in ChangeKind]: K;
};

registerEnumType(DocumentChangeKind, {
  name: 'DocumentChangeKind',
  description: 'What happened to the watched document.',
  valuesConfig: {
    CREATED: { description: 'It was created.' },
    UPDATED: { description: 'Its status, progress, pages or extractions changed.' },
    DELETED: { description: 'It was deleted.' },
  },
});

@ObjectType({
  description:
    'One step of a document’s processing, delivered by `documentProcessingUpdated`; `document` is read with the subscriber’s own token.',
})
export class DocumentProcessingUpdate {
  @Field(() => ID, { description: 'The document.' })
  documentId!: string;

  @Field(() => DocumentChangeKind, { description: 'What happened.' })
  kind!: ChangeKind;

  @Field(() => [String], { description: 'What changed: status, progress, pages, extractions.' })
  changed!: string[];

  @Field(() => String, { description: 'When the documents subgraph published the change (ISO 8601).' })
  at!: string;

  @Field(() => DocumentEntity, { description: 'The document as it is now.' })
  document!: DocumentEntity;
}

/**
 * Declares the subscription in this subgraph's SDL; the gateway serves it over graphql-ws (Redis channel from
 * @holovitals/live-changes, `document` fetched per event with the subscriber's token).
 */
@Resolver(() => DocumentProcessingUpdate)
export class DocumentProcessingUpdateResolver {
  @Subscription(() => DocumentProcessingUpdate, {
    name: DOCUMENT_PROCESSING_UPDATED,
    description: 'Progress of one document’s upload and processing, for callers who may read it.',
    topics: DOCUMENT_PROCESSING_UPDATED,
  })
  documentProcessingUpdated(
    @Arg('documentId', () => ID, { description: 'The document to watch.' }) _documentId: string,
  ): DocumentProcessingUpdate {
    throw new GraphQLError('Subscriptions are served by the gateway.', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
}
