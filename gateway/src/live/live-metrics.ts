import { Counter, Gauge, type Registry } from 'prom-client';

/** What the subscription server counts, on the gateway's internal `/metrics`. */
export interface LiveMetrics {
  connections: Gauge;
  subscriptions: Gauge;
  delivered: Counter;
  malformed: Counter;
  /** Sockets the gateway closed, by reason (a fixed set: slow_consumer, subscribe_flood, session_ended, token_expired). */
  closed: Counter<'reason'>;
  refused: Counter<'code'>;
}

export function createLiveMetrics(registry: Registry): LiveMetrics {
  return {
    connections: new Gauge({
      name: 'gateway_live_connections',
      help: 'Open graphql-ws connections that passed authentication.',
      registers: [registry],
    }),
    subscriptions: new Gauge({
      name: 'gateway_live_subscriptions',
      help: 'Open subscriptions on this gateway.',
      registers: [registry],
    }),
    delivered: new Counter({
      name: 'gateway_live_events_delivered_total',
      help: 'Subscription events resolved and handed to a socket.',
      registers: [registry],
    }),
    malformed: new Counter({
      name: 'gateway_live_malformed_messages_total',
      help: 'Change messages from Redis that were not well-formed (or named the wrong type) and were ignored.',
      registers: [registry],
    }),
    closed: new Counter({
      name: 'gateway_live_sockets_closed_total',
      help: 'Sockets the gateway closed itself, by reason.',
      labelNames: ['reason'],
      registers: [registry],
    }),
    refused: new Counter({
      name: 'gateway_live_subscribes_refused_total',
      help: 'Subscribe messages answered with an error, by error code.',
      labelNames: ['code'],
      registers: [registry],
    }),
  };
}
