export { loadStripeServerConfig, type StripeServerConfig } from './config';
export { StripeState } from './stripe-state';
export { type RunningStripeServer, startStripeServer } from './stripe-server';
export { stripeSignature, type WebhookDelivery } from './webhook-sender';
