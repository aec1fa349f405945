import { Query, Resolver } from 'type-graphql';
import { BillingInterval, CURRENCY, PLAN_CATALOG } from '../plans/plan-catalog';
import { Plan } from './types/plan.type';

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => [Plan], { description: 'The plan catalog, cheapest first; readable without signing in.' })
  plans(): Plan[] {
    return PLAN_CATALOG.map((plan) => ({
      id: plan.id,
      name: plan.name,
      description: plan.description,
      features: [...plan.features],
      prices: plan.prices
        ? Object.values(BillingInterval).map((interval) => ({
            interval,
            amountCents: plan.prices?.[interval] ?? 0,
            currency: CURRENCY,
            includedCreditsCents: plan.includedCreditsCents[interval],
          }))
        : [],
    }));
  }
}
