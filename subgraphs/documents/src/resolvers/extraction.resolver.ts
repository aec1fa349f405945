import type { RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { DocumentsServices } from '../documents-services';
import { confirmExtraction, rejectExtraction } from '../documents/extraction-decisions';
import { ExtractionEntity } from '../entities/extraction.entity';

type Ctx = RequestContext<DocumentsServices>;

@Resolver(() => ExtractionEntity)
export class ExtractionResolver {
  @Mutation(() => ExtractionEntity, {
    description: 'Confirms an extracted result: it is added to the patient’s record as an Observation.',
  })
  confirmExtraction(
    @Arg('id', () => ID, { description: 'The extraction id.' }) id: string,
    @Ctx() ctx: Ctx,
  ): Promise<ExtractionEntity> {
    return confirmExtraction(ctx, id);
  }

  @Mutation(() => ExtractionEntity, {
    description: 'Rejects an extracted result; it never reaches the record.',
  })
  rejectExtraction(
    @Arg('id', () => ID, { description: 'The extraction id.' }) id: string,
    @Ctx() ctx: Ctx,
  ): Promise<ExtractionEntity> {
    return rejectExtraction(ctx, id);
  }
}
