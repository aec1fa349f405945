/** What a subscription's status means to the person paying. */
export function subscriptionStatusText(status: string, cancelAtPeriodEnd: boolean): string {
  if (status === 'ACTIVE') return cancelAtPeriodEnd ? 'Active until the end of the period' : 'Active';
  if (status === 'PAST_DUE') return 'Payment failed — update your card before the grace period ends';
  if (status === 'LOCKED') return 'Locked — paid features are off until the overdue invoice is paid';
  return 'Canceled';
}
