import type { RouteHandler } from '@holovitals/http-server';
import type { IncomingMessage } from 'node:http';

/** CORS for the web app's origins only; bearer tokens, not cookies, so no credentials mode. */
export function corsHeaders(allowed: string[]): (req: IncomingMessage) => Record<string, string> {
  return (req): Record<string, string> => {
    const origin = req.headers.origin;
    if (!origin || !allowed.includes(origin)) return {};
    return { 'access-control-allow-origin': origin, vary: 'Origin' };
  };
}

export const corsPreflight: RouteHandler = (_req, res) => {
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers':
      'authorization, content-type, traceparent, apollo-require-preflight, x-apollo-operation-name',
    'access-control-max-age': '600',
  });
  res.end();
};
