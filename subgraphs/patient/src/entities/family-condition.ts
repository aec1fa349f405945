import { Field, ObjectType } from 'type-graphql';

@ObjectType('FamilyCondition', { description: 'A condition a relative had.' })
export class FamilyCondition {
  @Field(() => String, { nullable: true, description: 'URI of the code system.' })
  codeSystem: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the condition.' })
  code: string | null;

  @Field(() => String, { nullable: true, description: 'Human-readable name of the condition.' })
  display: string | null;
}
