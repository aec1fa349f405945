import type { RouteHandler } from './graphql-http-server';
import { sendJson } from './http-error';

export type ReadinessCheck = () => Promise<boolean>;

/**
 * `/health` answers while the process lives; `/ready` only when every dependency answers too.
 * `/metrics` is not among them: it has its own listener (metrics-server.ts).
 */
export function healthRoutes(
  service: string,
  checks: Record<string, ReadinessCheck>,
): Record<string, RouteHandler> {
  return {
    'GET /health': (_req, res) => sendJson(res, 200, { status: 'ok', service }),
    'GET /ready': async (_req, res) => {
      const results = await Promise.all(
        Object.entries(checks).map(
          async ([name, check]) => [name, await check().catch(() => false)] as const,
        ),
      );
      const ready = results.every(([, ok]) => ok);
      sendJson(res, ready ? 200 : 503, {
        status: ready ? 'ready' : 'not-ready',
        service,
        checks: Object.fromEntries(results),
      });
    },
  };
}
