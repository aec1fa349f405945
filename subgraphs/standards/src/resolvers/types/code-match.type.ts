import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { CodeConceptEntity } from '../../entities/code-concept.entity';
import { MatchKind } from '../../search/code-search';

registerEnumType(MatchKind, {
  name: 'MatchKind',
  description: 'How a search result matched; results are ranked in this order.',
  valuesConfig: {
    EXACT_CODE: { description: 'The text is the code.' },
    CODE_PREFIX: { description: 'The code starts with the text.' },
    FULL_TEXT: { description: 'Every word of the text starts a word of the display or a synonym.' },
    SIMILAR_TEXT: {
      description: 'The display or a synonym is similar to the text (typo tolerant, trigram).',
    },
  },
});

@ObjectType({ description: 'One search result.' })
export class CodeMatch {
  @Field(() => CodeConceptEntity, { description: 'The matching concept.' })
  concept: CodeConceptEntity;

  @Field(() => MatchKind, { description: 'How it matched.' })
  matchKind: MatchKind;

  @Field(() => Float, { description: 'Strength of the match within its kind, 0 to 1.' })
  score: number;
}
