import { Field, ObjectType } from 'type-graphql';
import { CodeConceptEntity } from '../../entities/code-concept.entity';

@ObjectType({ description: 'Whether a code (and optionally its display) is valid in a code system.' })
export class CodeValidation {
  @Field(() => Boolean, {
    description: 'True when the code exists and is active (and the display, if given, matches).',
  })
  valid: boolean;

  @Field(() => CodeConceptEntity, { nullable: true, description: 'The concept, when the code exists.' })
  concept: CodeConceptEntity | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether the given display matches the display or a synonym (case-insensitive); null when none given.',
  })
  displayMatches: boolean | null;

  @Field(() => String, { nullable: true, description: 'Why the code is not valid; null when valid.' })
  message: string | null;
}
