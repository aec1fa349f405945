import {
  ANY_SERVICE,
  deadLetterStreamKey,
  type DomainEvent,
  encodeEventPublicKeys,
  encodeStreamFields,
  type EncodedEventKeyPair,
  type EventSigningKey,
  eventOwners,
  eventStreamKey,
  generateEventKeyPair,
  parseEventSigningKey,
} from '@holovitals/events';
import { Redis } from 'ioredis';

/**
 * The event keys of one test process: an Ed25519 pair per service, made on first use. Every owner of an
 * event type has one from the start, so a subgraph started in a test verifies any owned type; a service
 * that only publishes `audit.recorded` gets its pair when its test subgraph starts.
 */
const keyPairs = new Map<string, EncodedEventKeyPair>(
  [...new Set(Object.values(eventOwners))]
    .filter((service) => service !== ANY_SERVICE)
    .map((service) => [service, generateEventKeyPair()]),
);

function keyPairOf(service: string): EncodedEventKeyPair {
  let pair = keyPairs.get(service);
  if (!pair) {
    pair = generateEventKeyPair();
    keyPairs.set(service, pair);
  }
  return pair;
}

/** The signing key of `service` in this test process, for tests and benches that sign many events themselves. */
export function testEventSigningKey(service: string): EventSigningKey {
  return parseEventSigningKey(service, keyPairOf(service).privateKey);
}

/** EVENT_SIGNING_KEY and EVENT_PUBLIC_KEYS for a test subgraph named `service`. */
export function testEventKeyEnv(service: string): { EVENT_SIGNING_KEY: string; EVENT_PUBLIC_KEYS: string } {
  const signingKey = keyPairOf(service).privateKey;
  return {
    EVENT_SIGNING_KEY: signingKey,
    EVENT_PUBLIC_KEYS: encodeEventPublicKeys(
      Object.fromEntries([...keyPairs].map(([name, pair]) => [name, pair.publicKey])),
    ),
  };
}

/** Where a test subgraph's events live: its Redis and its own stream prefix. */
export interface TestEventBus {
  redisUrl: string;
  eventStreamPrefix: string;
}

/**
 * XADDs `event` onto its stream as a relay would, signed by `signer` (by default its own `source`): how a
 * test plays a producer that does not run in it (compliance granting consent). `signer: null` writes it
 * unsigned, as anyone who can reach Redis could.
 */
export async function publishTestEvent(
  bus: TestEventBus,
  event: DomainEvent,
  options: { signer?: string | null } = {},
): Promise<string> {
  const signer = options.signer === undefined ? event.source : options.signer;
  const fields =
    signer === null
      ? ['id', event.id, 'type', event.type, 'event', JSON.stringify(event)]
      : encodeStreamFields(event, parseEventSigningKey(signer, keyPairOf(signer).privateKey));
  const redis = new Redis(bus.redisUrl);
  try {
    return (await redis.xadd(eventStreamKey(bus.eventStreamPrefix, event.type), '*', ...fields)) as string;
  } finally {
    redis.disconnect();
  }
}

/** The bus's dead-letter entries, oldest first, each as a field map. */
export async function readDeadLetters(bus: TestEventBus): Promise<Array<Record<string, string>>> {
  const redis = new Redis(bus.redisUrl);
  try {
    const entries = await redis.xrange(deadLetterStreamKey(bus.eventStreamPrefix), '-', '+');
    return entries.map(([, flat]) => {
      const fields: Record<string, string> = {};
      for (let index = 0; index + 1 < flat.length; index += 2)
        fields[flat[index] as string] = flat[index + 1] as string;
      return fields;
    });
  } finally {
    redis.disconnect();
  }
}
