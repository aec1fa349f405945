import { IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { ErrorOrigin } from '../../monitoring-vocabulary';

@InputType('ErrorFilter', { description: 'Narrows `errors`; every field is optional.' })
export class ErrorFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Only errors of this service (`web` for the web app).',
  })
  @IsOptional()
  @MaxLength(100)
  service?: string | null;

  @Field(() => ErrorOrigin, { nullable: true, description: 'Only errors from this origin.' })
  @IsOptional()
  origin?: ErrorOrigin | null;

  @Field(() => Date, { nullable: true, description: 'Only groups seen at or after this time.' })
  @IsOptional()
  since?: Date | null;

  @Field(() => String, { nullable: true, description: 'Only groups with an occurrence of this trace id.' })
  @IsOptional()
  @MaxLength(64)
  traceId?: string | null;
}
