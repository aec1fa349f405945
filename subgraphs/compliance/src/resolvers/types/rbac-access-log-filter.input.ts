import { Field, InputType } from 'type-graphql';
import { RbacDecision } from '../../entities/rbac-access-log.entity';

@InputType('RbacAccessLogFilter', {
  description: 'Narrows an RBAC access log search; every given field must match.',
})
export class RbacAccessLogFilter {
  @Field(() => String, { nullable: true, description: 'Only decisions about this actor.' })
  actorId?: string | null;

  @Field(() => RbacDecision, { nullable: true, description: 'Only ALLOW or only DENY.' })
  decision?: RbacDecision | null;

  @Field(() => Date, { nullable: true, description: 'Only decisions taken at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only decisions taken at or before this time.' })
  to?: Date | null;
}
