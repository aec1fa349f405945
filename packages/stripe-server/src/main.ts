import '@holovitals/telemetry/register';
import { runServiceProcess } from '@holovitals/http-server';
import { loadStripeServerConfig } from './config';
import { startStripeServer } from './stripe-server';

runServiceProcess('stripe-server', () => startStripeServer(loadStripeServerConfig()));
