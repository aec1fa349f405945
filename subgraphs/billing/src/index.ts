export { billingSubgraph } from './subgraph';
export { PLAN_CATALOG, PlanId, BillingInterval } from './plans/plan-catalog';
