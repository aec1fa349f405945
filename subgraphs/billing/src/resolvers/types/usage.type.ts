import { Field, Int, ObjectType } from 'type-graphql';
import { AnalysisCostEntity } from '../../entities/analysis-cost.entity';
import { ChatCostEntity } from '../../entities/chat-cost.entity';

@ObjectType('Usage', { description: 'What the caller spent in a range, and the credit they have left.' })
export class Usage {
  @Field(() => Date, { description: 'Start of the range (inclusive).' })
  from: Date;

  @Field(() => Date, { description: 'End of the range (exclusive).' })
  to: Date;

  @Field(() => Int, { description: 'What analyses and chat answers cost in the range, in cents.' })
  spentCents: number;

  @Field(() => Int, { description: 'How much of that credits covered, in cents.' })
  coveredCents: number;

  @Field(() => Int, { description: 'Credits granted in the range (plan periods), in cents.' })
  grantedCents: number;

  @Field(() => Int, { description: 'Credit left now, in cents: the ledger’s sum.' })
  remainingCredits: number;

  @Field(() => String, { description: 'ISO 4217 currency code, lower case.' })
  currency: string;

  @Field(() => [AnalysisCostEntity], {
    description: 'Each analysis in the range, newest first (at most 500).',
  })
  costs: AnalysisCostEntity[];

  @Field(() => [ChatCostEntity], {
    description: 'Each chat answer in the range, newest first (at most 500).',
  })
  chatCosts: ChatCostEntity[];
}
