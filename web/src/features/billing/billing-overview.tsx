'use client';

import { useMutation, useQuery } from '@apollo/client/react';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { dateText } from '@/format/clinical-text';
import { creditsText, creditsWorthText, moneyText } from '@/format/money-text';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import {
  BillingOverviewDocument,
  CancelSubscriptionDocument,
  ChangePlanDocument,
  CreateCheckoutSessionDocument,
  CreatePortalSessionDocument,
} from './billing-operations';
import { BillingInvoices } from './billing-invoices';
import { subscriptionStatusText } from './subscription-status-text';
import { UsageCostTable } from './usage-cost-table';

type Interval = 'MONTH' | 'YEAR';
const DAY_MS = 86_400_000;

/** Plans and upgrade (hosted checkout), the current plan, credits and usage, invoices, and the Stripe portal. */
export function BillingOverview({ checkout }: { checkout: string | null }): ReactNode {
  // The usage window is the last 30 days; fixed per mount so polling does not refetch a moving range.
  const range = useMemo(() => {
    const to = new Date(Date.now() + 60_000);
    return { from: new Date(to.getTime() - 30 * DAY_MS).toISOString(), to: to.toISOString() };
  }, []);
  // After checkout or a plan switch the webhook (activation, the new credit) lands within moments; poll meanwhile.
  const [switched, setSwitched] = useState(false);
  useEffect(() => {
    if (!switched) return undefined;
    const timer = setTimeout(() => setSwitched(false), 30_000);
    return () => clearTimeout(timer);
  }, [switched]);
  const overview = useQuery(BillingOverviewDocument, {
    variables: range,
    pollInterval: checkout === 'success' || switched ? 1500 : 0,
  });
  const [interval, setInterval] = useState<Interval>('MONTH');
  const [startCheckout] = useMutation(CreateCheckoutSessionDocument);
  const [openPortal] = useMutation(CreatePortalSessionDocument);
  const [cancel] = useMutation(CancelSubscriptionDocument);
  // The new plan's credit top-up arrives with its invoice's webhook: refetch the overview once the switch is done.
  const [switchPlan] = useMutation(ChangePlanDocument, {
    refetchQueries: ['BillingOverview', 'BillingInvoices'],
  });
  const [pending, setPending] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  async function act(key: string, work: () => Promise<unknown>): Promise<void> {
    setPending(key);
    setActionError(null);
    try {
      await work();
    } catch (caught) {
      setActionError(describeError(errorInfoFromApollo(caught)));
      setPending(null);
    }
  }

  if (overview.loading && !overview.data) return <LoadingState label="Loading your plan…" />;
  if (overview.error && !overview.data)
    return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  const data = overview.data;
  if (!data) return null;
  const subscription = data.mySubscription;
  const live = subscription && subscription.status !== 'CANCELED' ? subscription : null;
  const currentPlan = live?.plan ?? 'FREE';
  const plan = data.plans.find((candidate) => candidate.id === currentPlan);

  return (
    <div className="stack">
      {checkout === 'success' && !live ? (
        <Alert tone="info">Payment received — activating your plan…</Alert>
      ) : null}
      {checkout === 'canceled' ? <Alert tone="info">Checkout canceled; nothing was charged.</Alert> : null}
      {actionError ? <Alert tone="error">{actionError}</Alert> : null}

      <Card title="Your plan">
        <p>
          <strong data-testid="current-plan">{plan?.name ?? currentPlan}</strong>{' '}
          <span className="badge" data-testid="plan-status">
            {live ? subscriptionStatusText(live.status, live.cancelAtPeriodEnd) : 'Free'}
          </span>
        </p>
        {live ? (
          <p className="muted">
            {live.cancelAtPeriodEnd ? 'Ends' : 'Renews'} on {dateText(live.currentPeriodEnd)} · billed{' '}
            {live.interval === 'YEAR' ? 'yearly' : 'monthly'}
            {live.graceEndsAt ? ` · grace period ends ${dateText(live.graceEndsAt)}` : ''}
          </p>
        ) : null}
        {live?.scheduledPlan ? (
          <p data-testid="scheduled-change">
            Switches to {data.plans.find((candidate) => candidate.id === live.scheduledPlan)?.name}{' '}
            {live.scheduledInterval === 'YEAR' ? 'yearly' : 'monthly'} on {dateText(live.currentPeriodEnd)};
            until then you keep {plan?.name}. Nothing is refunded.{' '}
            <Button
              small
              variant="secondary"
              busy={pending === 'keep'}
              onClick={() =>
                void act('keep', async () => {
                  await switchPlan({ variables: { plan: live.plan, interval: live.interval } });
                  setPending(null);
                })
              }
            >
              Keep {plan?.name}
            </Button>
          </p>
        ) : null}
        <div className="row">
          {subscription ? (
            <Button
              variant="secondary"
              busy={pending === 'portal'}
              onClick={() =>
                void act('portal', async () => {
                  const result = await openPortal();
                  if (result.data) window.location.assign(result.data.createPortalSession.url);
                })
              }
            >
              Manage payment methods
            </Button>
          ) : null}
          {live && !live.cancelAtPeriodEnd ? (
            <Button
              variant="danger"
              busy={pending === 'cancel'}
              onClick={() =>
                void act('cancel', async () => {
                  await cancel();
                  setPending(null);
                })
              }
            >
              Cancel at period end
            </Button>
          ) : null}
        </div>
      </Card>

      <Card title="Analysis credits">
        <p>
          Remaining:{' '}
          <strong data-testid="remaining-credits">
            {creditsWorthText(data.usage.remainingCredits, data.usage.currency)}
          </strong>
        </p>
        <p className="muted">
          AI analyses and chat answers are priced and paid in credits; a credit is worth{' '}
          {moneyText(1, data.usage.currency)}, and your plan adds its credit each period.
        </p>
        <p className="muted">
          Last 30 days: used {creditsText(data.usage.spentCents)}, of which your credit covered{' '}
          {creditsText(data.usage.coveredCents)}; your plan added {creditsText(data.usage.grantedCents)}.
        </p>
        {data.usage.costs.length === 0 ? (
          <EmptyState title="No AI analyses in the last 30 days." />
        ) : (
          <UsageCostTable label="Analysis costs" costs={data.usage.costs} />
        )}
        {data.usage.chatCosts.length === 0 ? null : (
          <UsageCostTable label="Chat costs" costs={data.usage.chatCosts} />
        )}
      </Card>

      <Card title="Plans">
        <div className="row" role="radiogroup" aria-label="Billing interval">
          {(['MONTH', 'YEAR'] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="interval"
                checked={interval === value}
                onChange={() => setInterval(value)}
              />{' '}
              {value === 'MONTH' ? 'Monthly' : 'Yearly'}
            </label>
          ))}
        </div>
        <ul className="list" aria-label="Plans">
          {data.plans.map((candidate) => {
            const price = candidate.prices.find((item) => item.interval === interval);
            return (
              <li key={candidate.id} className="row row--spread">
                <div>
                  <strong>{candidate.name}</strong>{' '}
                  {price ? (
                    <span>
                      {moneyText(price.amountCents, price.currency)} /{' '}
                      {interval === 'MONTH' ? 'month' : 'year'} · includes{' '}
                      {creditsWorthText(price.includedCreditsCents, price.currency)} for AI analyses
                    </span>
                  ) : (
                    <span>Free</span>
                  )}
                  <div className="muted">{candidate.description}</div>
                </div>
                {candidate.id === currentPlan && (!live || live.interval === interval) ? (
                  <span className="badge">Current plan</span>
                ) : price && live ? (
                  live.status === 'ACTIVE' ? (
                    <Button
                      small
                      variant="secondary"
                      busy={pending === `switch:${candidate.id}`}
                      onClick={() =>
                        void act(`switch:${candidate.id}`, async () => {
                          await switchPlan({ variables: { plan: candidate.id, interval } });
                          setSwitched(true);
                          setPending(null);
                        })
                      }
                    >
                      {candidate.id === currentPlan
                        ? `Switch to ${interval === 'YEAR' ? 'yearly' : 'monthly'} billing`
                        : `Switch to ${candidate.name}`}
                    </Button>
                  ) : null
                ) : price ? (
                  <Button
                    small
                    busy={pending === `checkout:${candidate.id}`}
                    onClick={() =>
                      void act(`checkout:${candidate.id}`, async () => {
                        const result = await startCheckout({ variables: { plan: candidate.id, interval } });
                        if (result.data) window.location.assign(result.data.createCheckoutSession.url);
                      })
                    }
                  >
                    Upgrade to {candidate.name}
                  </Button>
                ) : null}
              </li>
            );
          })}
        </ul>
        {live ? (
          <p className="muted">
            Moving up (a dearer plan, or yearly billing) applies at once: the rest of the period is charged
            now, less what is left of your current plan, and the new plan’s credit is added. A cheaper plan
            starts when the paid period ends (nothing is refunded); yearly to monthly applies at once and
            credits the difference on your next invoice. To go back to Free, cancel at period end.
          </p>
        ) : null}
      </Card>

      <BillingInvoices />
    </div>
  );
}
