import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServer } from '@apollo/server';
import type { Principal, RequestAuthenticator } from '@holovitals/auth';
import { revocationState, traceIdFrom } from '@holovitals/auth';
import { subscriptionChannel, type ChangeMessage } from '@holovitals/live-changes';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { Redis } from 'ioredis';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { WebSocketServer, type WebSocket } from 'ws';
import type { GatewayContext } from '../gateway-context';
import type { PrincipalRateLimiter } from '../rate-limit';
import { ChangeFanout } from './change-fanout';
import {
  ChangeStream,
  SKIP_CHANGE,
  SLOW_CONSUMER_CLOSE_CODE,
  type BackpressureLimits,
} from './change-stream';
import { describeSubscription, TOPIC_ACCESS_KEY, type LiveSubscription } from './live-subscription';
import { createLiveMetrics } from './live-metrics';
import { SUBSCRIBE_FLOOD_CLOSE_CODE, SubscribeRate } from './subscribe-rate';
import { SubscriptionCaps, type ConnectionSlots } from './subscription-caps';
import { UserSlotLeases } from './user-slot-leases';
import { SessionWatch } from './session-watch';
import { msUntilExpiry, tokenExpiresAt } from './token-expiry';

export interface LiveLimits extends BackpressureLimits {
  perConnection: number;
  /** Open subscriptions per user across every replica. */
  perUser: number;
  /** How long a user's slot outlives its replica's last renewal (a crashed replica's slots free themselves). */
  slotLeaseMs: number;
  /** Subscribe messages one socket may send per `subscribeWindowMs` before it is closed as a flood. */
  maxSubscribes: number;
  subscribeWindowMs: number;
  /** Largest graphql-ws message accepted (ws closes the socket with 1009 above it). */
  maxMessageBytes: number;
  keepAliveMs: number;
  /** How often each connection's token is checked again (sign-out, revocation). */
  recheckMs: number;
  maxTokens: number;
}

interface ConnectionState {
  principal: Principal;
  accessToken: string;
  /** When the access token expires (epoch ms), or null when it carries no `exp`. */
  expiresAt: number | null;
  slots: ConnectionSlots;
  rate: SubscribeRate;
  /** The token-expiry timer, when the token carries `exp`. */
  expiry: NodeJS.Timeout | null;
  unwatch: () => void;
}

type CloseReason = 'slow_consumer' | 'subscribe_flood' | 'session_ended' | 'token_expired';

/** Only these error codes become metric labels; anything else is counted as `other`. */
const REFUSAL_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'FORBIDDEN',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  'TOO_MANY_SUBSCRIPTIONS',
]);
const DENIED = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND']);
/** One shared answer for every message of a flood: building an error per message would be the flood's cost. */
const FLOOD_ERRORS = [
  new GraphQLError('Too many subscribe messages.', { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } }),
] as const;

/** Errors from the gateway's executor are formatted objects; graphql-ws sends GraphQLError instances. */
const asGraphQLError = (error: GraphQLFormattedError): GraphQLError =>
  new GraphQLError(error.message, { extensions: error.extensions });

/**
 * GraphQL subscriptions on the gateway's `/graphql` over graphql-ws: each owner's change message (from Redis) is
 * turned into a query through the gateway's own executor with the subscriber's token, so the owning subgraph's
 * authorization runs on every event.
 */
export function startLiveServer(options: {
  server: Server;
  apollo: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
  authenticate: RequestAuthenticator;
  rateLimiter: PrincipalRateLimiter;
  redisUrl: string;
  validationRules: ValidationRule[];
  limits: LiveLimits;
  registry: Registry;
  logger: Logger;
}): { close(): Promise<void> } {
  const { apollo, gateway, authenticate, limits, logger } = options;
  const metrics = createLiveMetrics(options.registry);
  const publisher = new Redis(options.redisUrl, { lazyConnect: true });
  const subscriber = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 });
  for (const client of [publisher, subscriber])
    client.on('error', (err: Error) => logger.warn({ err }, 'live redis connection error'));
  const pubsub = new RedisPubSub({ publisher, subscriber });
  const fanout = new ChangeFanout(pubsub, (channel) => {
    metrics.malformed.inc();
    logger.warn({ channel }, 'malformed change message ignored');
  });
  const caps = new SubscriptionCaps(
    limits,
    new UserSlotLeases(publisher, { perUser: limits.perUser, leaseMs: limits.slotLeaseMs }),
    (err: unknown) => logger.warn({ err }, 'subscription slot not released (its lease will expire)'),
  );
  const sessions = new SessionWatch(publisher, limits.recheckMs);
  const renewal = setInterval(() => {
    caps.renew().catch((err: unknown) => logger.warn({ err }, 'subscription slot leases not renewed'));
  }, limits.slotLeaseMs / 3);
  renewal.unref();
  const wss = new WebSocketServer({
    server: options.server,
    path: '/graphql',
    maxPayload: limits.maxMessageBytes,
  });

  function closeSocket(socket: WebSocket, code: number, reason: CloseReason, text: string): void {
    if (socket.readyState !== socket.OPEN) return;
    metrics.closed.inc({ reason });
    socket.close(code, text);
  }

  function refuse(error: GraphQLError): GraphQLError[] {
    const code = String(error.extensions.code ?? 'GRAPHQL_VALIDATION_FAILED');
    metrics.refused.inc({ code: REFUSAL_CODES.has(code) ? code : 'other' });
    return [error];
  }

  async function query(state: ConnectionState, text: string, id: string): Promise<ExecutionResult> {
    const context: GatewayContext = {
      principal: state.principal,
      accessToken: state.accessToken,
      traceId: traceIdFrom(undefined),
      clientIp: null,
      userAgent: null,
    };
    const response = await apollo.executeOperation(
      { query: text, variables: { id } },
      { contextValue: context },
    );
    if (response.body.kind !== 'single')
      return { errors: [new GraphQLError('Unexpected incremental result.')] };
    const { data, errors } = response.body.singleResult;
    return { data, ...(errors ? { errors: errors.map(asGraphQLError) } : {}) };
  }

  /**
   * Whether the connection's session still stands: not expired, not signed out or revoked (identity's revocation
   * cache; unknown after a Redis loss counts as ended). The token's signature, issuer and audience were verified at
   * connection_init and cannot change for the same token, so only what can change is read again; the owning
   * subgraph verifies the whole token on every read anyway.
   */
  async function sessionActive(state: ConnectionState): Promise<boolean> {
    if (state.expiresAt !== null && Date.now() >= state.expiresAt) return false;
    const revocation = await revocationState(publisher, state.principal).catch(() => 'unknown' as const);
    return revocation === 'active';
  }

  /** One change as the subscriber's event: the session is checked again and the entity read with its token. */
  async function resolveChange(
    socket: WebSocket,
    state: ConnectionState,
    live: LiveSubscription,
    message: ChangeMessage,
  ): Promise<ExecutionResult | null | typeof SKIP_CHANGE> {
    // The session check runs beside the read (one Redis round trip off each event's path); the event is only
    // sent once both answered and the session is still live.
    const [active, result] = await Promise.all([
      sessionActive(state),
      query(state, live.entityQuery, message.key.id),
    ]);
    if (!active) {
      closeSocket(socket, CloseCode.Forbidden, 'session_ended', 'Session ended');
      return null;
    }
    const denial = result.errors?.find((e) => DENIED.has(String(e.extensions.code)));
    const entity = (result.data as { entity?: unknown } | null | undefined)?.entity ?? null;
    // A topic's entity that is gone by now (or never existed) is not this subscriber's business: no event.
    const gone = denial === undefined || denial.extensions.code === 'NOT_FOUND';
    if (live.watchedId === null && entity === null && gone) return SKIP_CHANGE;
    // Consent revoked, role lost or record gone: the subscription ends with the owner's error (an `error` message).
    if (denial !== undefined) throw denial;
    if (live.entityResponseKey === '' && entity === null) return SKIP_CHANGE;
    metrics.delivered.inc();
    const errors = result.errors ? { errors: result.errors } : {};
    if (live.entityResponseKey === '') return { data: { [live.responseKey]: entity }, ...errors };
    const change: Record<string, unknown> = {};
    for (const { responseKey, fieldName } of live.selection) {
      if (fieldName === '__typename') change[responseKey] = live.changeType;
      else if (fieldName === live.keyField || fieldName === 'id') change[responseKey] = message.key.id;
      else
        change[responseKey] =
          (message as unknown as Record<string, unknown>)[fieldName] ?? live.args[fieldName] ?? null;
    }
    if (live.entityResponseKey !== null) change[live.entityResponseKey] = entity;
    return { data: { [live.responseKey]: change }, ...errors };
  }

  /** Parse, limits, caps, per-principal rate, the owner's access check; then the stream, already listening. */
  async function openSubscription(
    socket: WebSocket,
    state: ConnectionState,
    payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
  ): Promise<
    readonly GraphQLError[] | { stream: ChangeStream; schema: GraphQLSchema; document: DocumentNode }
  > {
    const schema = gateway.schema;
    if (schema === undefined) return [new GraphQLError('The supergraph is not loaded yet.')];
    let document;
    try {
      document = parse(payload.query, { maxTokens: limits.maxTokens });
    } catch (error) {
      return refuse(error instanceof GraphQLError ? error : new GraphQLError('Syntax error.'));
    }
    const errors = validate(schema, document, [...specifiedRules, ...options.validationRules]);
    if (errors.length > 0) {
      metrics.refused.inc({ code: 'GRAPHQL_VALIDATION_FAILED' });
      return errors;
    }
    const operation = getOperationAST(document, payload.operationName);
    if (operation?.operation !== 'subscription')
      return refuse(
        new GraphQLError('Only subscriptions are served over graphql-ws; send queries over HTTP.', {
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      );
    const live = describeSubscription(schema, document, operation, payload.variables ?? {});
    if (typeof live === 'string')
      return refuse(new GraphQLError(live, { extensions: { code: 'BAD_USER_INPUT' } }));
    const slot = await caps.take(state.slots).catch((err: unknown) => {
      logger.warn({ err }, 'subscription slot not taken: redis unavailable');
      return 'unavailable' as const;
    });
    if (slot === 'unavailable')
      return refuse(
        new GraphQLError('Subscriptions are unavailable right now; try again.', {
          extensions: { code: 'UNAVAILABLE' },
        }),
      );
    if (typeof slot === 'string')
      return refuse(
        new GraphQLError(
          slot === 'connection'
            ? `At most ${limits.perConnection} subscriptions per connection.`
            : `At most ${limits.perUser} subscriptions per user.`,
          { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } },
        ),
      );
    try {
      await options.rateLimiter.consume(`principal:${state.principal.id}`);
      // The owning subgraph decides, with the subscriber's token, whether they may watch this entity at all.
      const access = await query(state, live.accessQuery, live.watchedId ?? TOPIC_ACCESS_KEY);
      // A topic's access key names no entity, so "not found" there means "may read this type".
      const refusals = (access.errors ?? []).filter(
        (error) => live.watchedId !== null || error.extensions.code !== 'NOT_FOUND',
      );
      if (refusals.length > 0) {
        slot.release();
        for (const error of refusals) refuse(error);
        return refusals;
      }
      const stream = new ChangeStream({
        limits,
        socket,
        resolve: (message) => resolveChange(socket, state, live, message),
        onSlowConsumer: () => closeSocket(socket, SLOW_CONSUMER_CLOSE_CODE, 'slow_consumer', 'Slow consumer'),
      });
      const stop = await fanout.listen(
        subscriptionChannel(live.field, live.args),
        live.entityType,
        (message) => stream.push(message),
      );
      // Counted once Redis confirmed the channel, so the gauge says which subscribers can receive.
      metrics.subscriptions.inc();
      stream.onEnd(() => {
        stop();
        slot.release();
        metrics.subscriptions.dec();
      });
      return { stream, schema, document };
    } catch (error) {
      slot.release();
      if (!(error instanceof GraphQLError)) throw error;
      // The HTTP rate limiter's error carries HTTP headers, which mean nothing on a socket.
      return refuse(
        new GraphQLError(error.message, { extensions: { ...error.extensions, http: undefined } }),
      );
    }
  }

  const ws = useServer<Record<string, unknown>, { socket: WebSocket; state?: ConnectionState }>(
    {
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        if (typeof authorization !== 'string') return false;
        const auth = await authenticate(authorization).catch(() => null);
        if (auth?.principal === null || auth?.accessToken === null || auth === null) return false;
        const socket = ctx.extra.socket;
        const expiresIn = msUntilExpiry(auth.accessToken);
        const expiry =
          expiresIn === null
            ? null
            : setTimeout(
                () => closeSocket(socket, CloseCode.Forbidden, 'token_expired', 'Token expired'),
                expiresIn,
              );
        expiry?.unref();
        const state: ConnectionState = {
          principal: auth.principal,
          accessToken: auth.accessToken,
          expiresAt: tokenExpiresAt(auth.accessToken),
          slots: caps.connection(auth.principal.id),
          rate: new SubscribeRate(limits.maxSubscribes, limits.subscribeWindowMs),
          expiry,
          // Sign-out and revocation between events: one read for every socket each LIVE_RECHECK_MS.
          unwatch: sessions.watch({
            principal: auth.principal,
            ended: () => closeSocket(socket, CloseCode.Forbidden, 'session_ended', 'Session ended'),
          }),
        };
        ctx.extra.state = state;
        metrics.connections.inc();
        return true;
      },
      onClose: (ctx) => {
        const state = ctx.extra.state;
        if (state === undefined) return;
        if (state.expiry !== null) clearTimeout(state.expiry);
        state.unwatch();
        caps.releaseAll(state.slots);
        metrics.connections.dec();
      },
      onSubscribe: async (ctx, _id, payload) => {
        const state = ctx.extra.state as ConnectionState;
        const socket = ctx.extra.socket;
        // Counted before any parsing, so a flood costs the gateway next to nothing.
        if (!state.rate.allow()) {
          closeSocket(socket, SUBSCRIBE_FLOOD_CLOSE_CODE, 'subscribe_flood', 'Too many subscribe messages');
          return FLOOD_ERRORS;
        }
        const opened = await openSubscription(socket, state, payload);
        if (!('stream' in opened)) return opened;
        const { stream, schema, document } = opened;
        return { schema, document, variableValues: payload.variables, contextValue: stream };
      },
      subscribe: (args) => args.contextValue as ChangeStream,
    },
    wss,
    limits.keepAliveMs,
  );

  return {
    close: async () => {
      clearInterval(renewal);
      sessions.close();
      await ws.dispose();
      await pubsub.close();
    },
  };
}
