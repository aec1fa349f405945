import {
  ANY_SERVICE,
  type DomainEvent,
  encodeEventPublicKeys,
  encodeStreamFields,
  type EncodedEventKeyPair,
  eventOwners,
  eventStreamKey,
  generateEventKeyPair,
  parseEventSigningKey,
} from '@holovitals/events';
import type { Redis } from 'ioredis';

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

/**
 * Publishes `event` on its stream signed by `signer` (by default its own `source`), as that service's relay
 * would: how a test plays a producer that does not run in it (compliance granting consent), or a forger
 * holding the wrong key.
 */
export async function publishTestEvent(
  redis: Redis,
  streamPrefix: string,
  event: DomainEvent,
  signer: string = event.source,
): Promise<string> {
  const fields = encodeStreamFields(event, parseEventSigningKey(signer, keyPairOf(signer).privateKey));
  return (await redis.xadd(eventStreamKey(streamPrefix, event.type), '*', ...fields)) as string;
}
