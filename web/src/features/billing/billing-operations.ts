import { graphql } from '@/gql';

export const BillingOverviewDocument = graphql(`
  query BillingOverview($from: DateTime!, $to: DateTime!) {
    plans {
      id
      name
      description
      features
      prices {
        interval
        amountCents
        currency
        includedCreditsCents
      }
    }
    mySubscription {
      id
      plan
      interval
      status
      cancelAtPeriodEnd
      currentPeriodEnd
      graceEndsAt
      scheduledPlan
      scheduledInterval
    }
    usage(from: $from, to: $to) {
      spentCents
      coveredCents
      grantedCents
      remainingCredits
      currency
      costs {
        id
        taskId
        model
        inputTokens
        outputTokens
        costCents
        coveredCents
        at
      }
      chatCosts {
        id
        model
        inputTokens
        outputTokens
        costCents
        coveredCents
        at
      }
    }
  }
`);

export const BillingInvoicesDocument = graphql(`
  query BillingInvoices($after: String) {
    invoices(first: 12, after: $after) {
      nodes {
        id
        number
        plan
        status
        amountPaid
        amountRefunded
        currency
        periodStart
        periodEnd
        hostedInvoiceUrl
      }
      endCursor
      hasNextPage
    }
  }
`);

export const CreateCheckoutSessionDocument = graphql(`
  mutation CreateCheckoutSession($plan: PlanId!, $interval: BillingInterval!) {
    createCheckoutSession(plan: $plan, interval: $interval) {
      id
      url
    }
  }
`);

export const CreatePortalSessionDocument = graphql(`
  mutation CreatePortalSession {
    createPortalSession {
      url
    }
  }
`);

export const CancelSubscriptionDocument = graphql(`
  mutation CancelSubscription {
    cancelSubscription {
      id
      status
      cancelAtPeriodEnd
      currentPeriodEnd
    }
  }
`);

export const ChangePlanDocument = graphql(`
  mutation ChangePlan($plan: PlanId!, $interval: BillingInterval!) {
    changePlan(plan: $plan, interval: $interval) {
      id
      plan
      interval
      status
      cancelAtPeriodEnd
      currentPeriodEnd
      graceEndsAt
      scheduledPlan
      scheduledInterval
    }
  }
`);
