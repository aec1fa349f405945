import {
  DEFAULT_STREAM_PREFIX,
  EventKeyError,
  type EventPublicKeys,
  eventSigningKeySetting,
  parseEventPublicKeys,
} from '@holovitals/events';
import { z } from 'zod';

const DAY_MS = 86_400_000;

const publicKeys = z
  .string()
  .default('')
  .transform((value, ctx): EventPublicKeys => {
    try {
      return parseEventPublicKeys(value);
    } catch (error) {
      if (!(error instanceof EventKeyError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  });

/** Event bus settings every subgraph reads (see packages/events/README.md for the model behind them). */
export const eventConfigShape = {
  /** This service's Ed25519 private key (base64 PKCS#8 DER): the relay signs every envelope with it. */
  EVENT_SIGNING_KEY: eventSigningKeySetting,
  /** Producers' public keys, `service:base64SPKI,...`: consumers accept an event only if its owner signed it. */
  EVENT_PUBLIC_KEYS: publicKeys,
  /** Redis key prefix of the event streams; tests give each subgraph its own so parallel runs do not mix. */
  EVENT_STREAM_PREFIX: z.string().min(1).default(DEFAULT_STREAM_PREFIX),
  /** Safety cap: stream entries older than this are trimmed even when a group has not acknowledged them. */
  EVENT_STREAM_MAX_AGE_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * DAY_MS),
  /** Safety cap on entries per stream. */
  EVENT_STREAM_MAX_LENGTH: z.coerce.number().int().positive().default(100_000),
  /** Published outbox rows and processed-event marks are deleted after this long. */
  EVENT_OUTBOX_RETENTION_MS: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(7 * DAY_MS),
  /** Entries the consumer reads per stream and pass; the largest batch a batch handler gets. */
  EVENT_CONSUMER_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(50),
  /** Pause between retention passes (stream trimming and outbox pruning). */
  EVENT_RETENTION_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
};

/** A process that relays its outbox must be able to sign: no key, no start (rather than unsigned events). */
export function requireEventSigningKey(config: Record<string, unknown>, ctx: z.RefinementCtx): void {
  if (config.EVENTS_ENABLED === true && !config.EVENT_SIGNING_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['EVENT_SIGNING_KEY'],
      message: 'required while EVENTS_ENABLED (npm start generates one into .data/dev-secrets.json)',
    });
  }
}
