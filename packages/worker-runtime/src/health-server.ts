import { healthRoutes, listen, type ReadinessCheck, sendJson } from '@holovitals/http-server';
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/** `/health`, `/ready` and `/metrics` for a process that has no GraphQL endpoint. */
export async function startHealthServer(
  name: string,
  checks: Record<string, ReadinessCheck>,
  registry: Registry,
  host: string,
  port: number,
): Promise<{ server: Server; port: number }> {
  const routes = healthRoutes(name, checks, registry);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[`${req.method} ${url.pathname}`];
    if (!route) {
      sendJson(res, 404, { error: `No route for ${req.method} ${url.pathname}` });
      return;
    }
    Promise.resolve(route(req, res, url)).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal server error' });
      else res.destroy();
    });
  });
  return { server, port: await listen(server, port, host) };
}
