import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@holovitals/subgraph-kit';
import { MonitoringError, MonitoringErrorCode } from '../monitoring-error';
import { ErrorOrigin } from '../monitoring-vocabulary';
import type { ClientErrorInput } from '../resolvers/types/client-error.input';
import { recordErrorOccurrence } from './error-recording';

/** The web app's errors are grouped under this service name. */
export const WEB_SERVICE = 'web';

/**
 * Stores an error the web app reports. Anyone may report (sign-in pages fail too), so each caller — the user, or
 * the client address when signed out — gets `perMinute` reports per minute, counted in Redis across replicas.
 */
export async function reportClientError(
  ctx: RequestContext,
  input: ClientErrorInput,
  perMinute: number,
): Promise<string> {
  const caller = ctx.principal ? `user:${ctx.principal.id}` : `address:${ctx.clientIp ?? 'unknown'}`;
  const key = `hv:monitoring:client-errors:${caller}:${Math.floor(Date.now() / 60_000)}`;
  const count = await ctx.redis.incr(key);
  if (count === 1) await ctx.redis.expire(key, 120);
  if (count > perMinute)
    throw new MonitoringError(
      MonitoringErrorCode.CLIENT_ERRORS_RATE_LIMITED,
      `At most ${perMinute} error reports a minute; try again later.`,
    );
  return ctx.dataSource.transaction((manager) =>
    recordErrorOccurrence(manager, {
      id: randomUUID(),
      service: WEB_SERVICE,
      origin: ErrorOrigin.CLIENT,
      errorName: input.errorName,
      message: input.message,
      stack: input.stack ?? null,
      traceId: input.traceId ?? null,
      operation: input.page ?? null,
      path: null,
      occurredAt: new Date(),
    }),
  );
}
