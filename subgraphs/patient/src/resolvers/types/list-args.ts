import { IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { SortOrder } from './sort-order';

@ArgsType()
export class ListArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
  @Min(1)
  @Max(100)
  first: number;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor after which the page starts (from a previous page).',
  })
  @IsOptional()
  after?: string | null;

  @Field(() => SortOrder, { defaultValue: SortOrder.NEWEST_FIRST, description: 'Date order of the list.' })
  order: SortOrder;
}
