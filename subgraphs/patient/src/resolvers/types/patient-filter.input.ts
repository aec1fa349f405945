import { IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType('PatientFilter', { description: 'Narrows the list of patients.' })
export class PatientFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the given or family name.' })
  @IsOptional()
  @MaxLength(100)
  name?: string | null;
}
