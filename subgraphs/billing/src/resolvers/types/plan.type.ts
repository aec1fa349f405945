import { Field, Int, ObjectType } from 'type-graphql';
import { BillingInterval, PlanId } from '../../plans/plan-catalog';

@ObjectType('PlanPrice', { description: 'What a plan costs per billing interval.' })
export class PlanPrice {
  @Field(() => BillingInterval, { description: 'How often it is billed.' })
  interval: BillingInterval;

  @Field(() => Int, { description: 'Price per interval, in cents.' })
  amountCents: number;

  @Field(() => String, { description: 'ISO 4217 currency code, lower case.' })
  currency: string;

  @Field(() => Int, { description: 'Analysis credit included each interval, in cents of spend.' })
  includedCreditsCents: number;
}

@ObjectType('Plan', { description: 'A plan of the catalog, with its prices and features.' })
export class Plan {
  @Field(() => PlanId, { description: 'The plan’s id.' })
  id: PlanId;

  @Field(() => String, { description: 'Display name.' })
  name: string;

  @Field(() => String, { description: 'One sentence on who it is for.' })
  description: string;

  @Field(() => [PlanPrice], { description: 'Monthly and annual prices; empty for Free.' })
  prices: PlanPrice[];

  @Field(() => [String], { description: 'Features it unlocks (HEALTH_RECORD, AI_ANALYSIS, …).' })
  features: string[];
}
