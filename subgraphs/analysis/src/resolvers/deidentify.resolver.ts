import { type RequestContext, requireUser } from '@holovitals/subgraph-kit';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { AnalysisServices } from '../analysis-services';
import { DEIDENTIFY_MAX_CHARACTERS, deidentifyText } from '../deidentify/deidentify-text';
import { DeidentifiedTextType } from './types/deidentified-text.type';

@Resolver()
export class DeidentifyResolver {
  @Query(() => DeidentifiedTextType, {
    description:
      'Replaces HIPAA Safe Harbor identifiers (names, dates, addresses, phone numbers, record numbers…) in a text of your own; nothing is stored. Any signed-in user.',
  })
  deidentify(
    @Arg('text', { description: `The text to de-identify, at most ${DEIDENTIFY_MAX_CHARACTERS} characters.` })
    text: string,
    @Ctx() ctx: RequestContext<AnalysisServices>,
  ): DeidentifiedTextType {
    requireUser(ctx);
    return deidentifyText(text);
  }
}
