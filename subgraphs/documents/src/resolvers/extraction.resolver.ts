import type { RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { DocumentsServices } from '../documents-services';
import { confirmExtraction, rejectExtraction } from '../documents/extraction-decisions';
import { CodeConceptStub, CodeSystemName } from '../entities/code-concept-stub';
import { ExtractionEntity, ICD10_CM_SYSTEM } from '../entities/extraction.entity';

type Ctx = RequestContext<DocumentsServices>;

@Resolver(() => ExtractionEntity)
export class ExtractionResolver {
  @FieldResolver(() => CodeConceptStub, {
    nullable: true,
    description:
      'The standards concept of a diagnosis printed with its ICD-10-CM code (its display and status come from the standards subgraph, null when standards does not know the code); null for printed names without a code.',
  })
  concept(@Root() extraction: ExtractionEntity): CodeConceptStub | null {
    return extraction.codeSystem === ICD10_CM_SYSTEM
      ? { system: CodeSystemName.ICD_10_CM, code: extraction.code }
      : null;
  }

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
