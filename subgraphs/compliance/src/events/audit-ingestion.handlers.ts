import type { EventHandlers } from '@holovitals/events';
import { ingestAuditEvents } from '../audit/audit-ingestion';
import type { ComplianceConfig } from '../config';

/** Every service's audit.recorded lands in the chained log, once per event id, and runs the alert rules. */
export function auditIngestionHandlers(config: ComplianceConfig): EventHandlers {
  return {
    'audit.recorded': async (event, manager) => {
      await ingestAuditEvents(manager, [event], config);
    },
  };
}
