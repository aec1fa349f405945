import { IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

/** Code fields shared by record inputs. */
@InputType()
export abstract class CodedRecordInput {
  @Field(() => String, {
    nullable: true,
    description: 'URI of the code system, e.g. http://snomed.info/sct.',
  })
  @IsOptional()
  @MaxLength(200)
  codeSystem: string | null;

  @Field(() => String, { nullable: true, description: 'Code within the code system.' })
  @IsOptional()
  @MaxLength(64)
  code: string | null;

  @Field(() => String, { nullable: true, description: 'Human-readable name.' })
  @IsOptional()
  @MaxLength(500)
  display: string | null;
}
