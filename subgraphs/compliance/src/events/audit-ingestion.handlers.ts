import type { ConsumerHandlers } from '@holovitals/events';
import { ingestAuditEvents } from '../audit/audit-ingestion';
import type { ComplianceConfig } from '../config';

/**
 * Every service's audit.recorded lands in the chained log, once per event id, and runs the alert rules: a whole
 * read of the stream at a time (one advisory lock, one multi-row INSERT, one query per rule).
 */
export function auditIngestionHandlers(config: ComplianceConfig): ConsumerHandlers {
  return {
    'audit.recorded': {
      batch: async (events, manager) => {
        await ingestAuditEvents(manager, events, config);
      },
    },
  };
}
