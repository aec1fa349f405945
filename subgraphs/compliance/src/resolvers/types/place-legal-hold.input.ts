import { IsOptional, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType('PlaceLegalHoldInput', { description: 'Whose audit entries to keep from purges, and why.' })
export class PlaceLegalHoldInput {
  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'Hold every entry touching this patient.' })
  patientId?: string | null;

  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  @Field(() => String, { nullable: true, description: 'Hold every entry by this user or system actor.' })
  actorId?: string | null;

  @MinLength(1)
  @MaxLength(2000)
  @Field({ description: 'Why (1 to 2,000 characters).' })
  reason: string;
}
