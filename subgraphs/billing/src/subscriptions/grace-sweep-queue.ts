import { defineQueue } from '@holovitals/worker-runtime';
import { z } from 'zod';

/** The repeatable sweep that locks PAST_DUE subscriptions whose grace period ended and applies due downgrades. */
export const graceSweepQueue = defineQueue({
  name: 'billing.grace-sweep',
  payload: z.object({}),
  attempts: 3,
  backoffMs: 5_000,
  timeoutMs: 60_000,
});
