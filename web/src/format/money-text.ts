/** Cents as the user's locale shows money, e.g. 900 usd → "$9.00". */
export function moneyText(cents: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency.toUpperCase() }).format(
    cents / 100,
  );
}

/**
 * AI analyses and chat answers are priced, approved and paid in credits, on every page: "3.65 credits". At most
 * two decimals (estimates are fractional), and a nonzero amount is never shown as 0.
 */
export function creditsText(credits: number): string {
  if (credits > 0 && credits < 0.01) return 'less than 0.01 credits';
  const amount = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(credits);
  return `${amount} ${credits === 1 ? 'credit' : 'credits'}`;
}

/**
 * Credits beside the money they are worth, where money is paid for them (a plan's credit, the balance): a credit
 * is one cent of the currency (packages/events credit-units), so 500 usd → "500 credits ($5.00)".
 */
export function creditsWorthText(credits: number, currency: string): string {
  return `${creditsText(credits)} (${moneyText(credits, currency)})`;
}
