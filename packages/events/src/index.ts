export {
  CONSENT_SCOPES,
  type ConsentScope,
  type DomainEvent,
  type EventPayload,
  type EventPayloadInput,
  type EventType,
  eventContracts,
  eventTypes,
  InvalidEventError,
  isEventType,
  parseEventPayload,
  SECURITY_ALERT_KINDS,
  SECURITY_ALERT_SEVERITIES,
  STEP_UP_PURPOSES,
  type StepUpPurpose,
} from './event-contracts';
export { CREDIT_CURRENCY, CREDITS_PER_DOLLAR, creditsForDollars, creditsPerThousand } from './credit-units';
export {
  type BatchEventHandler,
  type ConsumerHandlers,
  EventConsumer,
  type EventConsumerOptions,
  type EventHandler,
  type EventHandlers,
} from './event-consumer';
export { type ConsumerBacklog, consumerBacklog } from './consumer-backlog';
export { type EventLogger } from './event-logger';
export { ANY_SERVICE, eventOwners, EventOwnershipError, mayPublish } from './event-owners';
export { EventRetention, type EventRetentionOptions } from './event-retention';
export {
  encodeEventPublicKeys,
  type EncodedEventKeyPair,
  EventKeyError,
  type EventPublicKeys,
  type EventSigningKey,
  eventSigningKeySetting,
  generateEventKeyPair,
  parseEventPublicKeys,
  parseEventSigningKey,
} from './event-signing';
export {
  DEFAULT_STREAM_PREFIX,
  deadLetterStreamKey,
  encodeStreamBatch,
  encodeStreamFields,
  EventAuthenticityError,
  eventStreamKey,
} from './event-stream-message';
export { eventMigrations } from './migrations/event-migrations';
export { publishEvent } from './direct-publish';
export {
  createErrorReporter,
  type ErrorDelivery,
  type ErrorReport,
  type ErrorReporterOptions,
  errorReportPayload,
  outboxErrorDelivery,
  type ReportedError,
  streamErrorDelivery,
} from './error-reporting';
export { scrubErrorText, scrubStack } from './error-scrubbing';
export { createDomainEvent, enqueueEvent, OutboxTransactionRequiredError } from './outbox';
export { pruneOutbox, type OutboxPruneOptions, type OutboxPruneResult } from './outbox-pruning';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
export { PollingLoop, type PollingLoopOptions, type PollResult } from './polling-loop';
export {
  trimEventStreams,
  trimStream,
  type StreamTrimOptions,
  type StreamTrimResult,
} from './stream-trimming';
