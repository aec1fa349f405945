import type { IncomingMessage } from 'node:http';

/**
 * The caller's address for rate limits and audit: the socket's, unless the socket is a trusted proxy
 * (the web server, a load balancer), in which case the nearest untrusted hop of `x-forwarded-for`.
 * Addresses in the header are only believed when a trusted proxy put them there.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string | null {
  const socket = req.socket.remoteAddress ?? null;
  if (!socket || !trustedProxies.has(socket)) return socket;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = hops[index];
    if (hop && !trustedProxies.has(hop)) return hop;
  }
  return socket;
}
