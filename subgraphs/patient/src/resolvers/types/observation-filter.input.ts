import { IsOptional, MaxLength } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';

@InputType('ObservationFilter', {
  description: 'Narrows a list of observations; conditions combine with AND.',
})
export class ObservationFilter {
  @Field(() => String, { nullable: true, description: 'Only this code, e.g. LOINC 8480-6.' })
  @IsOptional()
  @MaxLength(64)
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this category, e.g. vital-signs or laboratory.' })
  @IsOptional()
  @MaxLength(64)
  category?: string | null;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'Only observations effective at or after this instant.',
  })
  @IsOptional()
  from?: Date | null;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'Only observations effective at or before this instant.',
  })
  @IsOptional()
  to?: Date | null;
}
