import { Field, ObjectType } from 'type-graphql';
import { RightsRequestEntity } from '../../entities/rights-request.entity';

@ObjectType('RightsRequestPage', { description: 'One page of rights requests, soonest due first.' })
export class RightsRequestPage {
  @Field(() => [RightsRequestEntity], { description: 'The requests on this page.' })
  nodes: RightsRequestEntity[];

  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` for the next page; null on the last.',
  })
  endCursor: string | null;
}
