import type { EventHandlers } from '@holovitals/events';
import { appendAuditEvents } from '../audit/audit-append';

/** Every service's audit.recorded lands in the chained log, once per event id. */
export function auditIngestionHandlers(): EventHandlers {
  return {
    'audit.recorded': async (event, manager) => {
      await appendAuditEvents(manager, [event]);
    },
  };
}
