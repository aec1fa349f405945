import { subscriptionChannel } from '@holovitals/live-changes';
import { graphqlRequest } from '@holovitals/testing';
import { Redis } from 'ioredis';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  collect,
  eventually,
  metric,
  repoRoot,
  startLiveHarness,
  wsUrl,
  type GatewayReplica,
  type LiveHarness,
  type LiveUser,
} from './live-harness';

const SMALL = `subscription S($p: ID!) { patientRecordChanged(patientId: $p) { kind changed patient { id } } }`;

interface Change {
  data: { patientRecordChanged: { kind: string; changed: string[]; patient: { id: string } } };
}

let h: LiveHarness;
let limited: GatewayReplica;
let roomy: GatewayReplica;
let redis: Redis;

beforeAll(async () => {
  h = await startLiveHarness([
    {
      LIVE_MAX_PER_CONNECTION: '3',
      LIVE_MAX_PER_USER: '4',
      LIVE_KEEP_ALIVE_MS: '300',
      LIVE_MAX_SUBSCRIBES: '50',
      LIVE_SUBSCRIBE_WINDOW_MS: '60000',
      MAX_DEPTH: '5',
      MAX_ALIASES: '4',
      MAX_COST: '60',
    },
    { LIVE_SLOW_CONSUMER_MS: '300', LIVE_MAX_BUFFERED_BYTES: '65536', MAX_REQUEST_BYTES: '2000000' },
  ]);
  [limited, roomy] = h.gateways as [GatewayReplica, GatewayReplica];
  redis = new Redis(h.redisUrl);
}, 180_000);
afterAll(async () => {
  redis.disconnect();
  await h.stop();
});

const openSubscriptions = (gateway: GatewayReplica) => metric(gateway, 'gateway_live_subscriptions');

/** A raw graphql-ws socket past connection_ack, for what the protocol client would never send. */
async function rawSocket(
  gateway: GatewayReplica,
  token: string,
  options: WebSocket.ClientOptions = {},
): Promise<{ socket: WebSocket; tcp: () => Socket; closed: Promise<number> }> {
  let tcp: Socket | null = null;
  const socket = new WebSocket(wsUrl(gateway), 'graphql-transport-ws', {
    ...options,
    createConnection: (connectOptions: { port?: number | string | null }) => {
      tcp = connect({ host: '127.0.0.1', port: Number(connectOptions.port) });
      return tcp;
    },
  });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await new Promise<void>((resolve) =>
    socket.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type === 'connection_ack') resolve();
    }),
  );
  return { socket, tcp: () => tcp as unknown as Socket, closed };
}

describe('subscription caps', () => {
  it('refuses a subscription past the per-connection cap and past the per-user cap; the others keep receiving', async () => {
    const user = await h.patientUser();
    const first = h.client(limited, user.token);
    const kept = [0, 1, 2].map(() => collect<Change>(first, SMALL, { p: user.patientId }));
    await eventually(async () => (await openSubscriptions(limited)) >= 3);
    const overConnection = collect<Change>(first, SMALL, { p: user.patientId });
    expect(JSON.stringify(await overConnection.failed())).toMatch(/TOO_MANY_SUBSCRIPTIONS.*|per connection/);

    const second = h.client(limited, user.token);
    kept.push(collect<Change>(second, SMALL, { p: user.patientId }));
    await eventually(async () => (await openSubscriptions(limited)) >= 4);
    const overUser = collect<Change>(second, SMALL, { p: user.patientId });
    const error = (await overUser.failed()) as { message: string; extensions: { code: string } }[];
    expect(error[0]).toMatchObject({
      message: 'At most 4 subscriptions per user.',
      extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
    });

    // Another user is not held to this user's cap.
    const other = await h.patientUser();
    const theirs = collect<Change>(h.client(limited, other.token), SMALL, { p: other.patientId });
    await eventually(async () => (await openSubscriptions(limited)) >= 5);
    expect(theirs.error()).toBeUndefined();

    await h.recordObservation(limited, user);
    for (const subscription of kept) expect(await subscription.waitFor(1)).toHaveLength(1);
    for (const subscription of [...kept, theirs]) subscription.stop();
    await eventually(async () => (await openSubscriptions(limited)) === 0);
  });
});

describe('HTTP limits on subscribe messages', () => {
  let user: LiveUser;
  beforeAll(async () => {
    user = await h.patientUser();
  });
  const refused = async (query: string): Promise<string> => {
    const attempt = collect<Change>(h.client(limited, user.token), query, { p: user.patientId });
    return JSON.stringify(await attempt.failed());
  };

  it('refuses a subscription deeper than MAX_DEPTH', async () => {
    const deep = `subscription S($p: ID!) { patientRecordChanged(patientId: $p) {
      patient { observations(first: 1) { nodes { standardized { loincCode } } } } } }`;
    expect(await refused(deep)).toMatch(/depth/i);
  });

  it('refuses more aliases than MAX_ALIASES', async () => {
    const aliases = `subscription S($p: ID!) { patientRecordChanged(patientId: $p) {
      a: kind b: kind c: kind d: kind e: kind } }`;
    expect(await refused(aliases)).toMatch(/alias/i);
  });

  it('refuses a subscription costing more than MAX_COST', async () => {
    const costly = `subscription S($p: ID!) { patientRecordChanged(patientId: $p) { patient {
      observations(first: 100) { nodes { id code display value unit status effectiveAt category } }
      conditions(first: 100) { nodes { id code display clinicalStatus onsetAt } } } } }`;
    expect(await refused(costly)).toMatch(/cost/i);
  });

  it('refuses an unknown subscription field and a query sent over the socket', async () => {
    expect(await refused('subscription { nothingHere { id } }')).toMatch(/nothingHere/);
    expect(await refused('query { __typename }')).toMatch(/Only subscriptions/);
  });
});

describe('keep-alive', () => {
  it('pings every open socket and terminates one that never answers', async () => {
    const user = await h.patientUser();
    const answering = await rawSocket(limited, user.token);
    let pings = 0;
    answering.socket.on('ping', () => (pings += 1));
    const silent = await rawSocket(limited, user.token, { autoPong: false });
    // No pong within one keep-alive period: the gateway drops the connection without a close frame.
    expect(await silent.closed).toBe(1006);
    expect(pings).toBeGreaterThanOrEqual(2);
    expect(answering.socket.readyState).toBe(WebSocket.OPEN);
    answering.socket.close();
  });
});

describe('message size', () => {
  it('closes a socket sending a message over LIVE_MAX_MESSAGE_BYTES with 1009; the same socket was served below it', async () => {
    const user = await h.patientUser();
    const raw = await rawSocket(limited, user.token);
    const answers: string[] = [];
    raw.socket.on('message', (data) => answers.push(String(data)));
    // A query (refused over the socket with an error message) padded in its variables: just under the default
    // 64 KiB it is read and answered, just over it the socket is closed before it is read.
    const send = (id: string, padding: number): number => {
      const message = JSON.stringify({
        id,
        type: 'subscribe',
        payload: { query: 'query { __typename }', variables: { pad: 'x'.repeat(padding) } },
      });
      raw.socket.send(message);
      return Buffer.byteLength(message);
    };
    expect(send('under', 60_000)).toBeLessThan(65_536);
    await eventually(() => answers.some((answer) => answer.includes('"under"')));
    expect(send('over', 70_000)).toBeGreaterThan(65_536);
    expect(await raw.closed).toBe(1009);
    expect(answers.some((answer) => answer.includes('"over"'))).toBe(false);
  });
});

describe('malformed change messages on Redis', () => {
  it('ignores and counts them; the subscriber gets only the real change', async () => {
    const user = await h.patientUser();
    const watching = collect<Change>(h.client(limited, user.token), SMALL, { p: user.patientId });
    await eventually(async () => (await openSubscriptions(limited)) >= 1);
    const before = await metric(limited, 'gateway_live_malformed_messages_total');
    const channel = subscriptionChannel('patientRecordChanged', { patientId: user.patientId });
    const good = {
      typename: 'Patient',
      key: { id: user.patientId },
      kind: 'UPDATED',
      changed: ['x'],
      at: new Date().toISOString(),
    };
    for (const raw of [
      'not json',
      '{"typename":',
      JSON.stringify({ ...good, kind: 'EXPLODED' }),
      JSON.stringify({ ...good, typename: 'Observation' }),
      JSON.stringify({ ...good, key: { id: '' } }),
    ])
      await redis.publish(channel, raw);
    await h.recordObservation(limited, user);
    const events = await watching.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toHaveLength(1);
    expect(events[0]!.data.patientRecordChanged).toMatchObject({ kind: 'UPDATED', changed: ['observation'] });
    expect((await metric(limited, 'gateway_live_malformed_messages_total')) - before).toBe(5);
    watching.stop();
  });
});

describe('a burst of 10,000 subscribe messages on one socket', () => {
  it('closes that socket with 4529 and leaves other subscribers served', async () => {
    const bystander = await h.patientUser();
    const watching = collect<Change>(h.client(roomy, bystander.token), SMALL, { p: bystander.patientId });
    await eventually(async () => (await openSubscriptions(roomy)) >= 1);

    const attacker = await h.patientUser();
    const raw = await rawSocket(roomy, attacker.token);
    const burst = Array.from({ length: 10_000 }, (_, index) =>
      JSON.stringify({
        id: `s${index}`,
        type: 'subscribe',
        payload: { query: SMALL, variables: { p: attacker.patientId } },
      }),
    );
    for (const message of burst) raw.socket.send(message);
    expect(await raw.closed).toBe(4529);
    expect(await metric(roomy, 'gateway_live_sockets_closed_total', 'reason="subscribe_flood"')).toBe(1);

    await h.recordObservation(roomy, bystander);
    expect(await watching.waitFor(1)).toHaveLength(1);
    // At most LIVE_MAX_SUBSCRIBES were opened; their slots went back when the socket closed.
    await eventually(async () => (await openSubscriptions(roomy)) === 1);
    watching.stop();
  });
});

describe('backpressure', () => {
  it('closes a subscriber that stops reading (4508) and keeps delivering to one that reads', async () => {
    const user = await h.patientUser();
    const bundle = JSON.parse(
      readFileSync(
        join(
          repoRoot(),
          'subgraphs/patient/fixtures/synthea-r4/Abdul_Koepp_e925b0f3-8006-43f6-aa31-94bd215e55e7.json',
        ),
        'utf8',
      ),
    ) as unknown;
    const imported = await graphqlRequest(
      roomy.url,
      'mutation I($p: ID, $b: JSON!) { importFhirBundle(patientId: $p, bundle: $b) { created } }',
      { p: user.patientId, b: bundle },
      { token: user.token },
    );
    expect(imported.body.errors).toBeUndefined();

    // About 400 kB per event and subscription: ten of them fill the socket buffers within a few changes.
    const heavy = `subscription S($p: ID!) { patientRecordChanged(patientId: $p) { patient { fhirResources(first: 100) { nodes { resource } } } } }`;
    const slow = await rawSocket(roomy, user.token);
    for (let index = 0; index < 10; index += 1)
      slow.socket.send(
        JSON.stringify({
          id: `h${index}`,
          type: 'subscribe',
          payload: { query: heavy, variables: { p: user.patientId } },
        }),
      );
    const reader = collect<Change>(h.client(roomy, user.token), SMALL, { p: user.patientId });
    await eventually(async () => (await openSubscriptions(roomy)) >= 11, 20_000);
    slow.tcp().pause();

    let changes = 0;
    const dropped = () => metric(roomy, 'gateway_live_sockets_closed_total', 'reason="slow_consumer"');
    while ((await dropped()) === 0 && changes < 40) {
      await h.recordObservation(roomy, user, `reading ${changes}`);
      changes += 1;
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    expect(await dropped()).toBe(1);
    // The slow socket's subscriptions are gone; the reader's remains and still receives.
    await eventually(async () => (await openSubscriptions(roomy)) === 1);
    const received = reader.events.length;
    await h.recordObservation(roomy, user, 'after the drop');
    await reader.waitFor(received + 1);
    expect(reader.error()).toBeUndefined();

    slow.tcp().resume();
    expect(await slow.closed).toBe(4508);
    reader.stop();
  }, 120_000);
});
