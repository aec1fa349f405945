import { BodyTooLargeError, close, healthRoutes, listen, readBody, sendJson } from '@holovitals/http-server';
import type { Stoppable } from '@holovitals/http-server';
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { StripeServerConfig } from './config';
import {
  decodeStripeForm,
  type FormObject,
  formList,
  formMetadata,
  formObject,
  formString,
} from './form-encoding';
import { checkoutPage, messagePage, portalPage } from './hosted-pages';
import { StripeApiError } from './stripe-error';
import { page, type ProrationBehavior, publicSession, StripeState } from './stripe-state';
import { WebhookSender } from './webhook-sender';

const MAX_BODY_BYTES = 256 * 1024;
/** Stripe's decline test card. */
const DECLINED_CARD = '4000000000000002';

export interface RunningStripeServer extends Stoppable {
  /** http://host:port — what the SDK's host/port/protocol and the browser point at. */
  origin: string;
  port: number;
  state: StripeState;
  webhooks: WebhookSender;
}

type Handler = (params: string[], form: FormObject, url: URL) => unknown;

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store' });
  res.end();
}

function integer(form: FormObject, key: string): number | undefined {
  const value = formString(form, key);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw StripeApiError.invalid(key, `Invalid integer: ${value}`);
  return Number(value);
}

function required(form: FormObject, key: string): string {
  const value = formString(form, key);
  if (!value) throw StripeApiError.missing(key);
  return value;
}

function listOptions(form: FormObject): { limit?: number; startingAfter?: string } {
  return { limit: integer(form, 'limit'), startingAfter: formString(form, 'starting_after') };
}

const PRORATION_BEHAVIORS: readonly string[] = ['create_prorations', 'always_invoice', 'none'];

/** `items[0][id]=si_…&items[0][price]=price_…` of a subscription update; undefined when absent. */
function subscriptionItems(form: FormObject): { id?: string; price: string }[] | undefined {
  const items = formList(form, 'items');
  if (items.length === 0) return undefined;
  return items.map((item, index) => {
    const fields = item && typeof item === 'object' && !Array.isArray(item) ? item : {};
    const price = typeof fields.price === 'string' ? fields.price : undefined;
    if (!price) throw StripeApiError.missing(`items[${index}][price]`);
    return { id: typeof fields.id === 'string' ? fields.id : undefined, price };
  });
}

/**
 * A local server that speaks Stripe's HTTP API (form-encoded requests, Stripe-shaped JSON and errors,
 * idempotency keys) for the endpoints HoloVitals uses, sends signed webhooks, and serves hosted
 * Checkout and customer portal pages a browser can complete. `/test/*` routes move its clock and
 * decline payments, the way Stripe test clocks and test cards do.
 */
export async function startStripeServer(config: StripeServerConfig): Promise<RunningStripeServer> {
  let origin = config.STRIPE_SERVER_PUBLIC_URL ?? '';
  const state = new StripeState(() => origin);
  const webhooks = new WebhookSender(config.STRIPE_SERVER_WEBHOOK_URL, config.STRIPE_SERVER_WEBHOOK_SECRET);
  const health = healthRoutes('stripe-server', {});
  const idempotent = new Map<string, { route: string; status: number; body: unknown }>();
  const apiKey = Buffer.from(`Bearer ${config.STRIPE_SERVER_API_KEY}`);

  const authorized = (req: IncomingMessage): boolean => {
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === apiKey.length && timingSafeEqual(given, apiKey);
  };

  const api: [string, RegExp, Handler][] = [
    [
      'POST',
      /^\/v1\/customers$/,
      (_p, form) =>
        state.createCustomer({
          email: formString(form, 'email'),
          name: formString(form, 'name'),
          metadata: formMetadata(form),
        }),
    ],
    ['GET', /^\/v1\/customers\/([\w-]+)$/, ([id]) => state.get(state.customers, 'customer', id ?? '')],
    [
      'GET',
      /^\/v1\/customers\/([\w-]+)\/payment_methods$/,
      ([id], form, url) => {
        state.get(state.customers, 'customer', id ?? '');
        const methods = [...state.paymentMethods.values()].filter((method) => method.customer === id);
        return page(methods, url.pathname, listOptions(form));
      },
    ],
    [
      'POST',
      /^\/v1\/products$/,
      (_p, form) =>
        state.createProduct({
          id: formString(form, 'id'),
          name: required(form, 'name'),
          description: formString(form, 'description'),
          metadata: formMetadata(form),
        }),
    ],
    ['GET', /^\/v1\/products\/([\w-]+)$/, ([id]) => state.get(state.products, 'product', id ?? '')],
    [
      'POST',
      /^\/v1\/prices$/,
      (_p, form) => {
        const interval = formString(formObject(form, 'recurring'), 'interval');
        if (interval !== 'month' && interval !== 'year')
          throw StripeApiError.invalid(
            'recurring[interval]',
            'Only monthly and yearly recurring prices are supported.',
          );
        const unitAmount = integer(form, 'unit_amount');
        if (unitAmount === undefined || unitAmount < 0) throw StripeApiError.missing('unit_amount');
        return state.createPrice({
          product: required(form, 'product'),
          unitAmount,
          currency: required(form, 'currency').toLowerCase(),
          interval,
          lookupKey: formString(form, 'lookup_key'),
          transferLookupKey: formString(form, 'transfer_lookup_key') === 'true',
          metadata: formMetadata(form),
        });
      },
    ],
    ['GET', /^\/v1\/prices\/([\w-]+)$/, ([id]) => state.get(state.prices, 'price', id ?? '')],
    [
      'GET',
      /^\/v1\/prices$/,
      (_p, form, url) => {
        const lookupKeys = formList(form, 'lookup_keys').filter(
          (key): key is string => typeof key === 'string',
        );
        const active = formString(form, 'active');
        const prices = [...state.prices.values()].filter(
          (price) =>
            (lookupKeys.length === 0 ||
              (price.lookup_key !== null && lookupKeys.includes(price.lookup_key))) &&
            (active === undefined || String(price.active) === active) &&
            (formString(form, 'product') === undefined || price.product === formString(form, 'product')),
        );
        return page(prices, url.pathname, listOptions(form));
      },
    ],
    [
      'POST',
      /^\/v1\/checkout\/sessions$/,
      (_p, form) => {
        if (formString(form, 'mode') !== 'subscription')
          throw StripeApiError.invalid('mode', 'This server supports mode=subscription only.');
        const lineItems = formList(form, 'line_items').map((item) => {
          const line = typeof item === 'object' && !Array.isArray(item) ? item : {};
          return {
            price: required(line, 'price'),
            quantity: integer(line, 'quantity') ?? 1,
          };
        });
        return publicSession(
          state.createCheckoutSession({
            customer: formString(form, 'customer'),
            customerEmail: formString(form, 'customer_email'),
            clientReferenceId: formString(form, 'client_reference_id'),
            successUrl: required(form, 'success_url'),
            cancelUrl: formString(form, 'cancel_url'),
            lineItems,
            metadata: formMetadata(form),
            subscriptionMetadata: formMetadata(formObject(form, 'subscription_data')),
          }),
        );
      },
    ],
    ['GET', /^\/v1\/checkout\/sessions\/([\w-]+)$/, ([id]) => publicSession(state.checkoutSession(id ?? ''))],
    [
      'POST',
      /^\/v1\/checkout\/sessions\/([\w-]+)\/expire$/,
      ([id]) => publicSession(state.expireCheckoutSession(id ?? '')),
    ],
    [
      'POST',
      /^\/v1\/billing_portal\/sessions$/,
      (_p, form) => state.createPortalSession(required(form, 'customer'), formString(form, 'return_url')),
    ],
    [
      'GET',
      /^\/v1\/subscriptions$/,
      (_p, form, url) => {
        const customer = formString(form, 'customer');
        const status = formString(form, 'status') ?? 'all';
        const subscriptions = [...state.subscriptions.values()].filter(
          (subscription) =>
            (!customer || subscription.customer === customer) &&
            (status === 'all' ? true : subscription.status === status),
        );
        return page(subscriptions, url.pathname, listOptions(form));
      },
    ],
    [
      'GET',
      /^\/v1\/subscriptions\/([\w-]+)$/,
      ([id]) => state.get(state.subscriptions, 'subscription', id ?? ''),
    ],
    [
      'POST',
      /^\/v1\/subscriptions\/([\w-]+)$/,
      ([id], form) => {
        const cancel = formString(form, 'cancel_at_period_end');
        const proration = formString(form, 'proration_behavior');
        if (proration !== undefined && !PRORATION_BEHAVIORS.includes(proration as ProrationBehavior))
          throw StripeApiError.invalid('proration_behavior', `Invalid proration_behavior: ${proration}.`);
        return state.updateSubscription(id ?? '', {
          cancelAtPeriodEnd: cancel === undefined ? undefined : cancel === 'true',
          metadata: form.metadata ? formMetadata(form) : undefined,
          items: subscriptionItems(form),
          prorationBehavior: proration as ProrationBehavior | undefined,
        });
      },
    ],
    ['DELETE', /^\/v1\/subscriptions\/([\w-]+)$/, ([id]) => state.cancelSubscription(id ?? '')],
    [
      'GET',
      /^\/v1\/invoices$/,
      (_p, form, url) => {
        const customer = formString(form, 'customer');
        const subscription = formString(form, 'subscription');
        const invoices = [...state.invoices.values()].filter(
          (invoice) =>
            (!customer || invoice.customer === customer) &&
            (!subscription || invoice.parent.subscription_details.subscription === subscription),
        );
        return page(invoices, url.pathname, listOptions(form));
      },
    ],
    ['GET', /^\/v1\/invoices\/([\w-]+)$/, ([id]) => state.get(state.invoices, 'invoice', id ?? '')],
    ['POST', /^\/v1\/invoices\/([\w-]+)\/pay$/, ([id]) => state.payInvoice(id ?? '')],
    [
      'GET',
      /^\/v1\/payment_methods$/,
      (_p, form, url) => {
        const customer = required(form, 'customer');
        const methods = [...state.paymentMethods.values()].filter((method) => method.customer === customer);
        return page(methods, url.pathname, listOptions(form));
      },
    ],
    ['GET', /^\/v1\/charges\/([\w-]+)$/, ([id]) => state.get(state.charges, 'charge', id ?? '')],
    [
      'GET',
      /^\/v1\/payment_intents\/([\w-]+)$/,
      ([id]) => state.get(state.paymentIntents, 'payment_intent', id ?? ''),
    ],
    [
      'POST',
      /^\/v1\/refunds$/,
      (_p, form) =>
        state.createRefund({
          paymentIntent: formString(form, 'payment_intent'),
          charge: formString(form, 'charge'),
          amount: integer(form, 'amount'),
          reason: formString(form, 'reason'),
        }),
    ],
    ['GET', /^\/v1\/refunds\/([\w-]+)$/, ([id]) => state.get(state.refunds, 'refund', id ?? '')],
    ['GET', /^\/v1\/events\/([\w-]+)$/, ([id]) => state.get(state.events, 'event', id ?? '')],
    [
      'GET',
      /^\/v1\/events$/,
      (_p, form, url) => {
        const type = formString(form, 'type');
        return page(
          [...state.events.values()].filter((event) => !type || event.type === type),
          url.pathname,
          listOptions(form),
        );
      },
    ],
    [
      'POST',
      /^\/test\/advance-clock$/,
      (_p, form) => {
        const seconds = integer(form, 'seconds');
        if (seconds === undefined || seconds < 0) throw StripeApiError.missing('seconds');
        return { object: 'test_clock', frozen_time: state.advanceClock(seconds) };
      },
    ],
    ['POST', /^\/test\/subscriptions\/([\w-]+)\/renew$/, ([id]) => state.renew(id ?? '')],
    [
      'POST',
      /^\/test\/decline-next-payment$/,
      (_p, form) => {
        const customer = formString(form, 'customer') ?? '*';
        state.declineNextPayment(customer);
        return { object: 'test_decline', customer };
      },
    ],
    ['GET', /^\/test\/deliveries$/, () => ({ object: 'list', data: webhooks.deliveries })],
  ];

  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    res.setHeader('request-id', `req_${Math.random().toString(36).slice(2, 14)}`);
    res.setHeader('stripe-version', String(req.headers['stripe-version'] ?? ''));
    if (!authorized(req))
      return sendJson(res, 401, {
        error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' },
      });
    const method = req.method ?? 'GET';
    const match = api
      .map(([verb, pattern, handler]) => ({ verb, handler, found: pattern.exec(url.pathname) }))
      .find((candidate) => candidate.verb === method && candidate.found);
    if (!match?.found)
      return sendJson(
        res,
        404,
        new StripeApiError(
          404,
          'invalid_request_error',
          `Unrecognized request URL (${method}: ${url.pathname}).`,
        ).body(),
      );
    const body = method === 'POST' ? await readBody(req, MAX_BODY_BYTES) : url.search.slice(1);
    const key = method === 'POST' ? req.headers['idempotency-key'] : undefined;
    const route = `${method} ${url.pathname} ${body}`;
    const replay = typeof key === 'string' ? idempotent.get(key) : undefined;
    if (replay) {
      if (replay.route !== route)
        return sendJson(
          res,
          400,
          new StripeApiError(
            400,
            'idempotency_error',
            'Keys for idempotent requests can only be used with the same parameters they were first used with.',
          ).body(),
        );
      res.setHeader('idempotent-replayed', 'true');
      return sendJson(res, replay.status, replay.body);
    }
    let status = 200;
    let answer: unknown;
    try {
      answer = match.handler(match.found.slice(1), decodeStripeForm(body), url);
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      status = error.status;
      answer = error.body();
    }
    if (typeof key === 'string') idempotent.set(key, { route, status, body: answer });
    webhooks.send(state.takeEvents());
    sendJson(res, status, answer);
  };

  const handleHosted = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const route = `${req.method} ${url.pathname}`;
    const checkout = /^(GET|POST) \/checkout\/([\w-]+)(\/pay)?$/.exec(route);
    if (checkout?.[2]) {
      const session = state.checkoutSessions.get(checkout[2]);
      if (!session) {
        sendHtml(res, 404, messagePage('Checkout not found', 'This checkout link is not valid.'));
        return true;
      }
      const current = state.checkoutSession(session.id);
      if (current.status !== 'open') {
        sendHtml(res, 410, messagePage('Checkout closed', `This checkout session is ${current.status}.`));
        return true;
      }
      const lines = (current.line_items_internal ?? []).map((item) => {
        const price = state.get(state.prices, 'price', item.price);
        return { price, product: state.products.get(price.product), quantity: item.quantity };
      });
      if (checkout[1] === 'GET' && !checkout[3]) {
        sendHtml(res, 200, checkoutPage(current, lines));
        return true;
      }
      if (checkout[1] === 'POST' && checkout[3]) {
        const form = new URLSearchParams(await readBody(req, MAX_BODY_BYTES));
        const card = (form.get('card') ?? '').replace(/\D/g, '');
        if (card.length < 12 || card === DECLINED_CARD) {
          sendHtml(res, 402, checkoutPage(current, lines, 'Your card was declined.'));
          return true;
        }
        try {
          const done = state.completeCheckout(current.id, {
            name: form.get('name') ?? '',
            last4: card.slice(-4),
          });
          webhooks.send(state.takeEvents());
          redirect(res, done.success_url.replace('{CHECKOUT_SESSION_ID}', done.id));
        } catch (error) {
          webhooks.send(state.takeEvents());
          if (!(error instanceof StripeApiError)) throw error;
          sendHtml(res, 402, checkoutPage(current, lines, error.message));
        }
        return true;
      }
    }
    const portal = /^(GET|POST) \/portal\/([\w-]+)(\/cancel)?$/.exec(route);
    if (portal?.[2]) {
      const session = state.portalSessions.get(portal[2]);
      if (!session) {
        sendHtml(res, 404, messagePage('Portal not found', 'This portal link is not valid.'));
        return true;
      }
      if (portal[1] === 'POST' && portal[3]) {
        const form = new URLSearchParams(await readBody(req, MAX_BODY_BYTES));
        const subscription = state.subscriptions.get(form.get('subscription') ?? '');
        if (subscription?.customer !== session.customer) {
          sendHtml(res, 404, messagePage('Not found', 'No such subscription for this customer.'));
          return true;
        }
        state.updateSubscription(subscription.id, { cancelAtPeriodEnd: true });
        webhooks.send(state.takeEvents());
        redirect(res, `/portal/${session.id}`);
        return true;
      }
      if (portal[1] === 'GET' && !portal[3]) {
        const subscriptions = [...state.subscriptions.values()]
          .filter((subscription) => subscription.customer === session.customer)
          .map((subscription) => {
            const productId = subscription.items.data[0]?.price.product ?? '';
            return { subscription, productName: state.products.get(productId)?.name ?? productId };
          });
        const paymentMethods = [...state.paymentMethods.values()].filter(
          (method) => method.customer === session.customer,
        );
        sendHtml(
          res,
          200,
          portalPage({ sessionId: session.id, returnUrl: session.return_url, subscriptions, paymentMethods }),
        );
        return true;
      }
    }
    const invoice = /^GET \/invoices\/([\w-]+)$/.exec(route);
    if (invoice?.[1]) {
      const found = state.invoices.get(invoice[1]);
      sendHtml(
        res,
        found ? 200 : 404,
        found
          ? messagePage(
              `Invoice ${found.number}`,
              `${(found.total / 100).toFixed(2)} ${found.currency.toUpperCase()} — ${found.status}`,
            )
          : messagePage('Invoice not found', 'This invoice link is not valid.'),
      );
      return true;
    }
    return false;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://stripe.local');
    const healthRoute = health[`${req.method} ${url.pathname}`];
    if (healthRoute) return healthRoute(req, res, url);
    if (url.pathname.startsWith('/v1/') || url.pathname.startsWith('/test/')) return handleApi(req, res, url);
    if (await handleHosted(req, res, url)) return;
    sendHtml(res, 404, messagePage('Not found', 'Nothing here.'));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.end();
      if (error instanceof BodyTooLargeError)
        return sendJson(res, 413, { error: { type: 'invalid_request_error', message: error.message } });
      sendJson(res, 500, { error: { type: 'api_error', message: 'An unexpected error occurred.' } });
    });
  });
  const boundPort = await listen(server, config.PORT, config.HOST);
  if (!origin) origin = `http://${config.HOST}:${boundPort}`;
  return {
    origin,
    port: boundPort,
    state,
    webhooks,
    stop: async () => {
      await webhooks.idle();
      await close(server);
    },
  };
}
