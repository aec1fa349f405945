import { scrubErrorText, scrubStack } from '@holovitals/events';
import type { EntityManager } from 'typeorm';
import type { ErrorOrigin } from '../monitoring-vocabulary';
import { errorFingerprint, messageTemplate } from './error-fingerprint';

export interface ErrorOccurrence {
  id: string;
  service: string;
  origin: ErrorOrigin;
  errorName: string;
  message: string;
  stack: string | null;
  traceId: string | null;
  operation: string | null;
  path: string | null;
  occurredAt: Date;
}

/**
 * Stores one occurrence under its group (created on first sight), scrubbing message and stack again: reporters
 * scrub too, but monitoring does not rely on every one of them doing it right. Idempotent by occurrence id.
 */
export async function recordErrorOccurrence(
  manager: EntityManager,
  occurrence: ErrorOccurrence,
): Promise<string> {
  const message = scrubErrorText(occurrence.message).slice(0, 2_000);
  const stack = occurrence.stack ? scrubStack(occurrence.stack) : null;
  const fingerprint = errorFingerprint({ ...occurrence, message, stack });
  const [group] = (await manager.query(
    `INSERT INTO monitoring_error_group
       (fingerprint, service, origin, error_name, template, stack, count, first_seen_at, last_seen_at)
     VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $7)
     ON CONFLICT (fingerprint) DO UPDATE SET stack = EXCLUDED.stack,
       last_seen_at = GREATEST(monitoring_error_group.last_seen_at, EXCLUDED.last_seen_at)
     RETURNING id`,
    [
      fingerprint,
      occurrence.service,
      occurrence.origin,
      occurrence.errorName.slice(0, 200),
      messageTemplate(message),
      stack,
      occurrence.occurredAt,
    ],
  )) as Array<{ id: string }>;
  const groupId = (group as { id: string }).id;
  const inserted = (await manager.query(
    `INSERT INTO monitoring_error_event (id, group_id, message, trace_id, operation, path, occurred_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      occurrence.id,
      groupId,
      message,
      occurrence.traceId,
      occurrence.operation,
      occurrence.path,
      occurrence.occurredAt,
    ],
  )) as unknown[];
  if (inserted.length > 0)
    await manager.query(`UPDATE monitoring_error_group SET count = count + 1 WHERE id = $1`, [groupId]);
  return groupId;
}
