import { Directive, Field, ObjectType } from 'type-graphql';

// Relay's PageInfo is the same in every subgraph that pages; @shareable lets them all define it.
@ObjectType('PageInfo', { description: 'Where a page sits in its list (Relay cursor connections).' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether another page follows.' })
  hasNextPage: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item; pass it as `after` for the next page.',
  })
  endCursor: string | null;
}
