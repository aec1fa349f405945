import { defineQueue } from '@holovitals/worker-runtime';
import { z } from 'zod';

/** The repeatable signing of the audit chain head. */
export const auditCheckpointQueue = defineQueue({
  name: 'compliance.audit-checkpoints',
  payload: z.object({}),
  attempts: 3,
  backoffMs: 5_000,
  timeoutMs: 300_000,
});

/** The repeatable retention purge of audit entries and RBAC access log rows. */
export const auditPurgeQueue = defineQueue({
  name: 'compliance.audit-purge',
  payload: z.object({}),
  attempts: 3,
  backoffMs: 60_000,
  timeoutMs: 3_600_000,
});
