export {
  CONSENT_SCOPES,
  type ConsentScope,
  type DomainEvent,
  type EventPayload,
  type EventType,
  eventContracts,
  eventTypes,
  InvalidEventError,
  isEventType,
  parseEventPayload,
} from './event-contracts';
export { EventConsumer, type EventConsumerOptions, type EventHandlers } from './event-consumer';
export { type EventLogger } from './event-logger';
export { DEFAULT_STREAM_PREFIX, deadLetterStreamKey, eventStreamKey } from './event-stream-message';
export { eventMigrations } from './migrations/event-migrations';
export { enqueueEvent, OutboxTransactionRequiredError } from './outbox';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
