import type {
  StripeCheckoutSession,
  StripePaymentMethod,
  StripePrice,
  StripeProduct,
  StripeSubscription,
} from './stripe-objects';

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function money(cents: number, currency: string): string {
  return `${(cents / 100).toFixed(2)} ${currency.toUpperCase()}`;
}

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1a1f36}
label{display:block;margin:.75rem 0 .25rem}input{width:100%;padding:.5rem;font-size:1rem}
button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem;background:#635bff;color:#fff;border:0;border-radius:4px}
.error{color:#c0123c}.muted{color:#697386}</style></head><body>${body}</body></html>`;
}

export interface CheckoutLine {
  price: StripePrice;
  product: StripeProduct | undefined;
  quantity: number;
}

/** The hosted Checkout page: what is bought and a card form whose "Pay" button completes the session. */
export function checkoutPage(session: StripeCheckoutSession, lines: CheckoutLine[], error?: string): string {
  const items = lines
    .map(
      (line) =>
        `<li><span data-testid="checkout-product">${escape(line.product?.name ?? line.price.product)}</span> — ` +
        `${money(line.price.unit_amount * line.quantity, line.price.currency)} / ${line.price.recurring.interval}</li>`,
    )
    .join('');
  return layout(
    'Checkout',
    `<h1>Subscribe</h1><ul>${items}</ul>
<p>Total due today: <strong data-testid="checkout-total">${money(session.amount_total, session.currency)}</strong></p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/checkout/${escape(session.id)}/pay">
<label for="name">Name on card</label><input id="name" name="name" autocomplete="cc-name" required>
<label for="card">Card number</label><input id="card" name="card" inputmode="numeric" value="4242 4242 4242 4242" required>
<button type="submit">Pay</button></form>
${session.cancel_url ? `<p><a href="${escape(session.cancel_url)}">Cancel and go back</a></p>` : ''}`,
  );
}

export function messagePage(title: string, message: string): string {
  return layout(title, `<h1>${escape(title)}</h1><p>${escape(message)}</p>`);
}

/** The hosted customer portal: the customer's subscriptions (cancel at period end) and cards. */
export function portalPage(input: {
  sessionId: string;
  returnUrl: string | null;
  subscriptions: { subscription: StripeSubscription; productName: string }[];
  paymentMethods: StripePaymentMethod[];
}): string {
  const subscriptions = input.subscriptions
    .map(({ subscription, productName }) => {
      const end = new Date(
        Math.min(...subscription.items.data.map((item) => item.current_period_end)) * 1000,
      );
      const state = subscription.cancel_at_period_end
        ? `cancels on ${end.toISOString().slice(0, 10)}`
        : `${subscription.status}, renews on ${end.toISOString().slice(0, 10)}`;
      const action =
        subscription.status !== 'canceled' && !subscription.cancel_at_period_end
          ? `<form method="post" action="/portal/${escape(input.sessionId)}/cancel">
<input type="hidden" name="subscription" value="${escape(subscription.id)}"><button type="submit">Cancel plan</button></form>`
          : '';
      return `<li><strong>${escape(productName)}</strong> — <span data-testid="portal-status">${escape(state)}</span>${action}</li>`;
    })
    .join('');
  const cards = input.paymentMethods
    .map((method) => `<li>${escape(method.card.brand)} •••• ${escape(method.card.last4)}</li>`)
    .join('');
  return layout(
    'Billing portal',
    `<h1>Your subscription</h1><ul>${subscriptions || '<li class="muted">No subscriptions.</li>'}</ul>
<h2>Payment methods</h2><ul>${cards || '<li class="muted">No cards on file.</li>'}</ul>
${input.returnUrl ? `<p><a href="${escape(input.returnUrl)}">Return to HoloVitals</a></p>` : ''}`,
  );
}
