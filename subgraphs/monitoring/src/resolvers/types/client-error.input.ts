import { IsOptional, Matches, MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType('ClientErrorInput', {
  description:
    'An error the web app caught in the browser. Text is PHI scrubbed on arrival; sizes are capped.',
})
export class ClientErrorInput {
  @Field(() => String, { description: 'Error class name, e.g. TypeError (at most 200 characters).' })
  @MinLength(1)
  @MaxLength(200)
  errorName: string;

  @Field(() => String, { description: 'The error message (at most 2,000 characters).' })
  @MinLength(1)
  @MaxLength(2_000)
  message: string;

  @Field(() => String, { nullable: true, description: 'Stack trace (at most 16,000 characters).' })
  @IsOptional()
  @MaxLength(16_000)
  stack?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The app route it happened on, without query string (at most 300 characters), e.g. `/labs`.',
  })
  @IsOptional()
  @Matches(/^\/[A-Za-z0-9/_\-[\].]*$/, { message: 'page must be a path without query string' })
  @MaxLength(300)
  page?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'W3C trace id of the failed request, when known (32 hex).',
  })
  @IsOptional()
  @Matches(/^[0-9a-f]{32}$/)
  traceId?: string | null;
}
