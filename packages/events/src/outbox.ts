import { randomUUID } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import {
  type DomainEvent,
  type EventPayloadInput,
  type EventType,
  parseEventPayload,
} from './event-contracts';
import { EventOwnershipError, mayPublish } from './event-owners';
import { activeTraceparent } from './event-tracing';

/** Thrown when `enqueueEvent` is given a manager outside a transaction: the event would commit apart from the change. */
export class OutboxTransactionRequiredError extends Error {
  override readonly name = 'OutboxTransactionRequiredError';
}

/**
 * Records a domain event in `event_outbox` inside the caller's transaction, so the event exists if and only
 * if the change it describes commits. Call with the manager given by `dataSource.transaction(...)`.
 * Throws `InvalidEventError` when the payload breaks its contract and `EventOwnershipError` when `source`
 * does not own `type` (consumers would reject it anyway; failing here names the bug where it is).
 */
export async function enqueueEvent<T extends EventType>(
  manager: EntityManager,
  source: string,
  type: T,
  payload: EventPayloadInput<T>,
  options?: { traceId?: string | null },
): Promise<DomainEvent<T>> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new OutboxTransactionRequiredError(
      `enqueueEvent(${type}) needs the EntityManager of an open transaction (dataSource.transaction(...))`,
    );
  }
  const event = createDomainEvent(source, type, payload, options);
  await manager.query(
    `INSERT INTO event_outbox (id, type, source, occurred_at, trace_id, trace_parent, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      event.id,
      event.type,
      event.source,
      event.occurredAt,
      event.traceId,
      event.traceparent,
      JSON.stringify(event.payload),
    ],
  );
  return event;
}

/**
 * A new event of `source`, checked against its contract, carrying the active trace when it is the one the event
 * names. Throws `InvalidEventError` or `EventOwnershipError` like `enqueueEvent`.
 */
export function createDomainEvent<T extends EventType>(
  source: string,
  type: T,
  payload: EventPayloadInput<T>,
  options?: { traceId?: string | null },
): DomainEvent<T> {
  if (!mayPublish(source, type)) {
    throw new EventOwnershipError(source, type);
  }
  const active = activeTraceparent();
  const traceId = options?.traceId ?? active?.traceId ?? null;
  return {
    id: randomUUID(),
    type,
    source,
    occurredAt: new Date().toISOString(),
    traceId,
    // Only the context of the trace the event names: a consumer continues that trace, not an unrelated one.
    traceparent: active && active.traceId === traceId ? active.traceparent : null,
    payload: parseEventPayload(type, payload),
  };
}
