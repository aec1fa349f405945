import type { RequestContext } from '@holovitals/subgraph-kit';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { BillingServices } from '../billing-services';
import { createCheckoutSession, createPortalSession } from '../checkout/checkout-session';
import { BillingSubscriptionEntity } from '../entities/billing-subscription.entity';
import { SubscriptionStatus } from '../entities/subscription-status';
import { BillingInterval, PlanId } from '../plans/plan-catalog';
import { changePlan } from '../subscriptions/plan-change';
import { cancelAtPeriodEnd, currentSubscription } from '../subscriptions/subscription-cancel';
import { graceEnds, localStatus } from '../subscriptions/subscription-state';
import { requireBillingUser } from './require-billing-user';
import { CheckoutSession, PortalSession } from './types/billing-sessions.type';

@Resolver(() => BillingSubscriptionEntity)
export class BillingSubscriptionResolver {
  @Query(() => BillingSubscriptionEntity, {
    nullable: true,
    description: 'The caller’s current subscription (or the last one, if it ended); null on Free.',
  })
  async mySubscription(
    @Ctx() ctx: RequestContext<BillingServices>,
  ): Promise<BillingSubscriptionEntity | null> {
    const subscription = await currentSubscription(ctx.dataSource, requireBillingUser(ctx));
    if (!subscription) return null;
    // The sweep locks expired grace periods every minute; the answer is right even between sweeps.
    const status = localStatus(
      subscription.stripeStatus,
      subscription.pastDueSince,
      new Date(),
      ctx.services.config.BILLING_GRACE_DAYS,
    );
    if (subscription.status === SubscriptionStatus.PAST_DUE && status === SubscriptionStatus.LOCKED)
      subscription.status = status;
    return subscription;
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'When the grace period ends (set while a payment is overdue).',
  })
  graceEndsAt(
    @Root() subscription: BillingSubscriptionEntity,
    @Ctx() ctx: RequestContext<BillingServices>,
  ): Date | null {
    return subscription.pastDueSince
      ? graceEnds(subscription.pastDueSince, ctx.services.config.BILLING_GRACE_DAYS)
      : null;
  }

  @Mutation(() => CheckoutSession, {
    description:
      'Starts buying a plan: returns the Stripe Checkout page to open. Asking again while that page is open returns the same session.',
  })
  async createCheckoutSession(
    @Arg('plan', () => PlanId, { description: 'The plan to buy (not FREE).' }) plan: PlanId,
    @Arg('interval', () => BillingInterval, { description: 'Monthly or annual billing.' })
    interval: BillingInterval,
    @Ctx() ctx: RequestContext<BillingServices>,
  ): Promise<CheckoutSession> {
    const { stripe, priceIds, config } = ctx.services;
    return createCheckoutSession(
      { stripe, priceIds, dataSource: ctx.dataSource, appOrigin: config.BILLING_APP_ORIGIN },
      { userId: requireBillingUser(ctx), plan, interval },
    );
  }

  @Mutation(() => PortalSession, {
    description: 'Opens the Stripe customer portal: cards, invoices, cancellation. Needs a billing account.',
  })
  async createPortalSession(@Ctx() ctx: RequestContext<BillingServices>): Promise<PortalSession> {
    const { stripe, config } = ctx.services;
    return createPortalSession(
      { stripe, dataSource: ctx.dataSource, appOrigin: config.BILLING_APP_ORIGIN },
      requireBillingUser(ctx),
    );
  }

  @Mutation(() => BillingSubscriptionEntity, {
    description:
      'Switches the caller’s active subscription to another paid plan or interval. An upgrade applies at once: charged now for the rest of the period (less the unused part of the old price), credit topped up. A cheaper plan at the same interval is scheduled for the end of the period (scheduledPlan; nothing refunded). Annual → monthly applies at once and credits the unused difference on the next invoice. Asking for the current plan withdraws a scheduled downgrade.',
  })
  async changePlan(
    @Arg('plan', () => PlanId, { description: 'The paid plan to switch to (not FREE: cancel instead).' })
    plan: PlanId,
    @Arg('interval', () => BillingInterval, { description: 'Monthly or annual billing.' })
    interval: BillingInterval,
    @Ctx() ctx: RequestContext<BillingServices>,
  ): Promise<BillingSubscriptionEntity> {
    const { stripe, priceIds, config } = ctx.services;
    return changePlan(
      { stripe, priceIds, dataSource: ctx.dataSource, graceDays: config.BILLING_GRACE_DAYS },
      { userId: requireBillingUser(ctx), plan, interval },
    );
  }

  @Mutation(() => BillingSubscriptionEntity, {
    description: 'Cancels the caller’s subscription at the end of the paid period (it does not renew).',
  })
  async cancelSubscription(@Ctx() ctx: RequestContext<BillingServices>): Promise<BillingSubscriptionEntity> {
    const { stripe, config } = ctx.services;
    return cancelAtPeriodEnd(
      { stripe, dataSource: ctx.dataSource, graceDays: config.BILLING_GRACE_DAYS },
      requireBillingUser(ctx),
    );
  }
}
