import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServer } from '@apollo/server';
import type { Principal, RequestAuthenticator } from '@holovitals/auth';
import { traceIdFrom } from '@holovitals/auth';
import { parseChangeMessage, subscriptionChannel, type ChangeMessage } from '@holovitals/live-changes';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type ExecutionResult,
  type ValidationRule,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { Redis } from 'ioredis';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { GatewayContext } from '../gateway-context';
import { describeSubscription, type LiveSubscription } from './live-subscription';

export interface LiveLimits {
  perConnection: number;
  perUser: number;
  /** A socket with more unsent bytes than this is a slow consumer and is closed. */
  maxBufferedBytes: number;
  keepAliveMs: number;
  /** How often each connection's token is checked again (sign-out, revocation, expiry). */
  recheckMs: number;
  maxTokens: number;
}

interface ConnectionState {
  principal: Principal;
  authorization: string;
  accessToken: string;
  subscriptions: number;
  timer?: NodeJS.Timeout;
}

/** graphql-ws close code for a slow consumer (the 4400–4499 range is the protocol's; 4xxx above is free). */
export const SLOW_CONSUMER_CLOSE_CODE = 4508;

interface Subscriber {
  live: LiveSubscription;
  socket: WebSocket;
  state: ConnectionState;
}

const DENIED = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND']);

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
  redisUrl: string;
  validationRules: ValidationRule[];
  limits: LiveLimits;
  logger: Logger;
}): { close(): Promise<void> } {
  const { apollo, gateway, authenticate, limits, logger } = options;
  const publisher = new Redis(options.redisUrl, { lazyConnect: true });
  const subscriber = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 });
  for (const client of [publisher, subscriber])
    client.on('error', (err: Error) => logger.warn({ err }, 'live redis connection error'));
  const pubsub = new RedisPubSub({ publisher, subscriber });
  const perUser = new Map<string, number>();
  const wss = new WebSocketServer({ server: options.server, path: '/graphql' });

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
    return response.body.singleResult as ExecutionResult;
  }

  const denied = (result: ExecutionResult): boolean =>
    (result.errors ?? []).some((e) => DENIED.has(String(e.extensions?.code)));

  async function* deliver(
    socket: WebSocket,
    state: ConnectionState,
    live: LiveSubscription,
  ): AsyncGenerator<ExecutionResult> {
    const pending: ChangeMessage[] = [];
    let wake: (() => void) | null = null;
    const subId = await pubsub.subscribe(subscriptionChannel(live.field, live.args), (raw: unknown) => {
      const message = parseChangeMessage(raw);
      if (message === null || message.typename !== live.entityType) {
        logger.warn({ field: live.field }, 'malformed change message ignored');
        return;
      }
      if (pending.length >= 100 || socket.bufferedAmount > limits.maxBufferedBytes) {
        socket.close(SLOW_CONSUMER_CLOSE_CODE, 'Slow consumer');
        return;
      }
      pending.push(message);
      wake?.();
    });
    try {
      for (;;) {
        while (pending.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        const message = pending.shift() as ChangeMessage;
        const auth = await authenticate(state.authorization).catch(() => null);
        if (auth?.principal === null || auth === null) {
          socket.close(CloseCode.Forbidden, 'Session ended');
          return;
        }
        const result = await query(state, live.entityQuery, message.key.id);
        if (denied(result)) {
          yield { errors: result.errors };
          return;
        }
        const change: Record<string, unknown> = {};
        for (const { responseKey, fieldName } of live.selection) {
          if (fieldName === '__typename') change[responseKey] = live.changeType;
          else
            change[responseKey] =
              (message as unknown as Record<string, unknown>)[fieldName] ?? live.args[fieldName] ?? null;
        }
        if (live.entityResponseKey !== null)
          change[live.entityResponseKey] = (result.data as { entity?: unknown } | null)?.entity ?? null;
        yield { data: { [live.responseKey]: change }, ...(result.errors ? { errors: result.errors } : {}) };
      }
    } finally {
      pubsub.unsubscribe(subId);
    }
  }

  const ws = useServer<Record<string, unknown>, { socket: WebSocket; state?: ConnectionState }>(
    {
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        if (typeof authorization !== 'string') return false;
        const auth = await authenticate(authorization).catch(() => null);
        if (auth?.principal === null || auth?.accessToken === null || auth === null) return false;
        const state: ConnectionState = {
          principal: auth.principal,
          authorization,
          accessToken: auth.accessToken,
          subscriptions: 0,
        };
        state.timer = setInterval(() => {
          void authenticate(authorization)
            .then((again) => again.principal !== null)
            .catch(() => false)
            .then((ok) => {
              if (!ok) ctx.extra.socket.close(CloseCode.Forbidden, 'Session ended');
            });
        }, limits.recheckMs);
        state.timer.unref();
        ctx.extra.state = state;
        return true;
      },
      onClose: (ctx) => {
        const state = ctx.extra.state;
        if (state?.timer !== undefined) clearInterval(state.timer);
      },
      onSubscribe: async (ctx, _id, payload) => {
        const state = ctx.extra.state as ConnectionState;
        const schema = gateway.schema;
        if (schema === undefined) return [new GraphQLError('The supergraph is not loaded yet.')];
        let document;
        try {
          document = parse(payload.query, { maxTokens: limits.maxTokens });
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('Syntax error.')];
        }
        const errors = validate(schema, document, [...specifiedRules, ...options.validationRules]);
        if (errors.length > 0) return errors;
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== 'subscription')
          return [new GraphQLError('Only subscriptions are served over graphql-ws; send queries over HTTP.')];
        if (state.subscriptions >= limits.perConnection)
          return [
            new GraphQLError('Too many subscriptions on this connection.', {
              extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
            }),
          ];
        if ((perUser.get(state.principal.id) ?? 0) >= limits.perUser)
          return [
            new GraphQLError('Too many subscriptions for this user.', {
              extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
            }),
          ];
        const live = describeSubscription(schema, document, operation, payload.variables ?? {});
        if (typeof live === 'string')
          return [new GraphQLError(live, { extensions: { code: 'BAD_USER_INPUT' } })];
        // The owning subgraph decides, with the subscriber's token, whether they may watch this entity at all.
        const access = await query(state, live.accessQuery, live.watchedId);
        if (access.errors !== undefined && access.errors.length > 0)
          return access.errors.map((e) => new GraphQLError(e.message, { extensions: e.extensions }));
        const subscriber: Subscriber = { live, socket: ctx.extra.socket, state };
        return { schema, document, variableValues: payload.variables, contextValue: subscriber };
      },
      subscribe: (args) => {
        const { live, socket, state } = args.contextValue as Subscriber;
        state.subscriptions += 1;
        perUser.set(state.principal.id, (perUser.get(state.principal.id) ?? 0) + 1);
        const generator = deliver(socket, state, live);
        return (async function* () {
          try {
            yield* generator;
          } finally {
            state.subscriptions -= 1;
            const left = (perUser.get(state.principal.id) ?? 1) - 1;
            if (left <= 0) perUser.delete(state.principal.id);
            else perUser.set(state.principal.id, left);
          }
        })();
      },
    },
    wss,
    limits.keepAliveMs,
  );

  return {
    close: async () => {
      await ws.dispose();
      await pubsub.close();
    },
  };
}
