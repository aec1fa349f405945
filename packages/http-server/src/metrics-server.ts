import { createServer, type IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';
import { close, listen } from './graphql-http-server';
import { sendGraphQLError } from './http-error';
import type { MetricsConfig } from './metrics-config';

export interface RunningMetricsServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function bearerMatches(req: IncomingMessage, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(req.headers.authorization ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Serves `GET /metrics` on its own listener, so the public port never exposes it. */
export async function startMetricsServer(
  registry: Registry,
  config: Pick<MetricsConfig, 'METRICS_HOST' | 'METRICS_PORT' | 'METRICS_TOKEN'>,
): Promise<RunningMetricsServer> {
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' || pathname !== '/metrics') {
      sendGraphQLError(res, 404, 'NOT_FOUND', 'Only GET /metrics is served here.');
      return;
    }
    if (config.METRICS_TOKEN && !bearerMatches(req, config.METRICS_TOKEN)) {
      res.setHeader('www-authenticate', 'Bearer');
      sendGraphQLError(res, 401, 'UNAUTHENTICATED', 'Metrics need the metrics token.');
      return;
    }
    registry.metrics().then(
      (body) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(body);
      },
      () => sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error'),
    );
  });
  const port = await listen(server, config.METRICS_PORT, config.METRICS_HOST);
  const host = config.METRICS_HOST.includes(':') ? `[${config.METRICS_HOST}]` : config.METRICS_HOST;
  return { url: `http://${host}:${port}/metrics`, port, stop: () => close(server) };
}
