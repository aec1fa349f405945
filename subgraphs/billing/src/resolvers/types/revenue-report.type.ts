import { Field, Int, ObjectType } from 'type-graphql';
import { PlanId } from '../../plans/plan-catalog';

@ObjectType('PlanRevenue', { description: 'Revenue from one plan.' })
export class PlanRevenue {
  @Field(() => PlanId, { description: 'The plan.' })
  plan: PlanId;

  @Field(() => Int, { description: 'Paid, in cents, before refunds.' })
  grossCents: number;

  @Field(() => Int, { description: 'Paid invoices.' })
  paidInvoices: number;
}

@ObjectType('RevenueReport', { description: 'Revenue and analysis cost over a range (administrators only).' })
export class RevenueReport {
  @Field(() => Date, { description: 'Start of the range (inclusive).' })
  from: Date;

  @Field(() => Date, { description: 'End of the range (exclusive).' })
  to: Date;

  @Field(() => String, { description: 'ISO 4217 currency code, lower case.' })
  currency: string;

  @Field(() => Int, { description: 'Paid invoices’ total, in cents.' })
  grossCents: number;

  @Field(() => Int, { description: 'Refunded, in cents.' })
  refundedCents: number;

  @Field(() => Int, { description: 'Gross minus refunds, in cents.' })
  netCents: number;

  @Field(() => Int, { description: 'Paid invoices.' })
  paidInvoices: number;

  @Field(() => Int, {
    description: 'What model calls (analyses and chat answers) cost in the range, in cents.',
  })
  analysisCostCents: number;

  @Field(() => [PlanRevenue], { description: 'Per plan.' })
  byPlan: PlanRevenue[];
}
