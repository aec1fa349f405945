/** Cents as the user's locale shows money, e.g. 900 usd → "$9.00". */
export function moneyText(cents: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency.toUpperCase() }).format(
    cents / 100,
  );
}

/** What a subscription's status means to the person paying. */
export function subscriptionStatusText(status: string, cancelAtPeriodEnd: boolean): string {
  if (status === 'ACTIVE') return cancelAtPeriodEnd ? 'Active until the end of the period' : 'Active';
  if (status === 'PAST_DUE') return 'Payment failed — update your card before the grace period ends';
  if (status === 'LOCKED') return 'Locked — paid features are off until the overdue invoice is paid';
  return 'Canceled';
}
