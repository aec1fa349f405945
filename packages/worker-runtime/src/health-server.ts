import { healthRoutes, listen, type ReadinessCheck, sendJson } from '@holovitals/http-server';
import { createServer, type Server } from 'node:http';

/** `/health` and `/ready` for a process that has no GraphQL endpoint (`/metrics` has its own listener). */
export async function startHealthServer(
  name: string,
  checks: Record<string, ReadinessCheck>,
  host: string,
  port: number,
): Promise<{ server: Server; port: number }> {
  const routes = healthRoutes(name, checks);
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
