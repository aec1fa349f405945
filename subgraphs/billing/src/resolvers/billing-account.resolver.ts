import { type RequestContext, requireRole, Role } from '@holovitals/subgraph-kit';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { BillingError, BillingErrorCode } from '../billing-error';
import type { BillingServices } from '../billing-services';
import { customerOf } from '../checkout/billing-customer';
import { invoicePage } from '../invoices/invoice-page';
import { paymentsOf } from '../payments/payment-intent-sync';
import { CURRENCY, type PlanId } from '../plans/plan-catalog';
import { revenueSummary, usageSummary } from '../usage/usage-report';
import { requireBillingUser } from './require-billing-user';
import { InvoicePage } from './types/invoice-page.type';
import { PaymentIntent } from './types/payment-intent.type';
import { PaymentMethod } from './types/payment-method.type';
import { RevenueReport } from './types/revenue-report.type';
import { Usage } from './types/usage.type';

@Resolver()
export class BillingAccountResolver {
  @Query(() => InvoicePage, { description: 'The caller’s invoices, newest first.' })
  async invoices(
    @Arg('first', () => Int, { defaultValue: 20, description: 'Page size, 1–100.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' })
    after: string | null,
    @Ctx() ctx: RequestContext<BillingServices>,
  ): Promise<InvoicePage> {
    return invoicePage(ctx.dataSource, { userId: requireBillingUser(ctx), first, after });
  }

  @Query(() => [PaymentMethod], {
    description: 'The caller’s cards on file at Stripe; empty before the first checkout.',
  })
  async paymentMethods(@Ctx() ctx: RequestContext<BillingServices>): Promise<PaymentMethod[]> {
    const customerId = await customerOf(ctx.dataSource, requireBillingUser(ctx));
    if (!customerId) return [];
    const { stripe } = ctx.services;
    const [customer, methods] = await Promise.all([
      stripe.customers.retrieve(customerId),
      stripe.paymentMethods.list({ customer: customerId, type: 'card', limit: 20 }),
    ]);
    const defaultId = 'deleted' in customer ? null : customer.invoice_settings.default_payment_method;
    return methods.data.map((method) => ({
      id: method.id,
      brand: method.card?.brand ?? 'card',
      last4: method.card?.last4 ?? '',
      expMonth: method.card?.exp_month ?? 0,
      expYear: method.card?.exp_year ?? 0,
      isDefault: method.id === (typeof defaultId === 'string' ? defaultId : defaultId?.id),
    }));
  }

  @Query(() => [PaymentIntent], {
    description: 'The caller’s payments (succeeded and failed), newest first, with the invoice each paid.',
  })
  async paymentIntents(
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many, 1–100.' }) first: number,
    @Ctx() ctx: RequestContext<BillingServices>,
  ): Promise<PaymentIntent[]> {
    const userId = requireBillingUser(ctx);
    if (first < 1 || first > 100)
      throw new BillingError(BillingErrorCode.INVALID_PAGE_SIZE, 'first must be between 1 and 100.');
    return paymentsOf(ctx.dataSource.manager, userId, first);
  }

  @Query(() => Usage, {
    description: 'What the caller’s analyses and chat answers cost in [from, to), and the credit left.',
  })
  async usage(
    @Arg('from', () => Date, { description: 'Start of the range (inclusive).' }) from: Date,
    @Arg('to', () => Date, { description: 'End of the range (exclusive); at most 400 days after from.' })
    to: Date,
    @Ctx() ctx: RequestContext<BillingServices>,
  ): Promise<Usage> {
    const summary = await usageSummary(ctx.dataSource, requireBillingUser(ctx), from, to);
    return { from, to, currency: CURRENCY, ...summary };
  }

  @Query(() => RevenueReport, {
    description: 'Revenue, refunds and analysis cost in [from, to). ADMIN only.',
  })
  async revenueReport(
    @Arg('from', () => Date, { description: 'Start of the range (inclusive).' }) from: Date,
    @Arg('to', () => Date, { description: 'End of the range (exclusive); at most 400 days after from.' })
    to: Date,
    @Ctx() ctx: RequestContext<BillingServices>,
  ): Promise<RevenueReport> {
    requireRole(ctx, Role.ADMIN);
    const summary = await revenueSummary(ctx.dataSource, from, to);
    return {
      from,
      to,
      currency: CURRENCY,
      ...summary,
      byPlan: summary.byPlan.map((row) => ({ ...row, plan: row.plan as PlanId })),
    };
  }
}
