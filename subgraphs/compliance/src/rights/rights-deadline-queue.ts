import { defineQueue } from '@holovitals/worker-runtime';
import { z } from 'zod';

/** The repeatable scan for rights requests near or past their HIPAA due date. */
export const rightsDeadlineQueue = defineQueue({
  name: 'compliance.rights-deadlines',
  payload: z.object({}),
  attempts: 3,
  backoffMs: 5_000,
  timeoutMs: 60_000,
});
