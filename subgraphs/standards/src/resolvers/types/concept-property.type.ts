import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'A property of a concept, e.g. LOINC component, property, timeAspect, system, scale, method, class, exampleUcumUnit.',
})
export class ConceptProperty {
  @Field(() => String, { description: 'Property name.' })
  name: string;

  @Field(() => String, { description: 'Property value as text.' })
  value: string;
}
