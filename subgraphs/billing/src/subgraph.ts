import { defineSubgraph } from '@holovitals/subgraph-kit';
import { createBillingServices } from './billing-services';
import { billingConfig } from './config';
import { AnalysisCostEntity } from './entities/analysis-cost.entity';
import { BillingSubscriptionEntity } from './entities/billing-subscription.entity';
import { ChatCostEntity } from './entities/chat-cost.entity';
import { InvoiceEntity } from './entities/invoice.entity';
import { analysisCostHandlers } from './events/analysis-cost.handlers';
import { CreateBilling1765200000000 } from './migrations/1765200000000-create-billing';
import { CreatePaymentIntents1765420000000 } from './migrations/1765420000000-create-payment-intents';
import { ChatCostsAndScheduledChanges1766300000000 } from './migrations/1766300000000-chat-costs-and-scheduled-changes';
import { BillingAccountResolver } from './resolvers/billing-account.resolver';
import { mapBillingError } from './resolvers/billing-error-mapping';
import { BillingSubscriptionResolver } from './resolvers/billing-subscription.resolver';
import { PlanResolver } from './resolvers/plan.resolver';
import { stripeWebhookRoute } from './webhooks/webhook-route';

export const billingSubgraph = defineSubgraph({
  name: 'billing',
  config: billingConfig,
  resolvers: [PlanResolver, BillingSubscriptionResolver, BillingAccountResolver],
  entities: [BillingSubscriptionEntity, InvoiceEntity, AnalysisCostEntity, ChatCostEntity],
  migrations: [
    CreateBilling1765200000000,
    CreatePaymentIntents1765420000000,
    ChatCostsAndScheduledChanges1766300000000,
  ],
  mapError: mapBillingError,
  services: createBillingServices,
  eventHandlers: () => analysisCostHandlers(),
  routes: (runtime, services) =>
    stripeWebhookRoute(
      {
        stripe: services.stripe,
        dataSource: runtime.dataSource,
        webhookSecret: runtime.config.STRIPE_WEBHOOK_SECRET,
        toleranceSeconds: runtime.config.BILLING_WEBHOOK_TOLERANCE_SECONDS,
        graceDays: runtime.config.BILLING_GRACE_DAYS,
      },
      runtime.logger,
    ),
});
