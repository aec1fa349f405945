import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

const KNOWN_ADDRESSES = 1_024;

/** Whether a peer is a proxy we put in front (the web server, a load balancer). */
export type TrustedProxies = (address: string) => boolean;

/**
 * Parses `TRUSTED_PROXIES`: addresses (`10.0.0.5`, `::1`) and ranges (`10.0.0.0/8`, `fd00::/8`).
 * IPv4-mapped IPv6 peers (`::ffff:10.0.0.5`, how a dual-stack socket reports IPv4) match their IPv4 entry.
 */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    if (!family) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or range`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  const check = (address: string): boolean => {
    const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
  // Every request asks about its socket's peer, and BlockList.check allocates a SocketAddress each time
  // (1% of the gateway's CPU under load). Answers are remembered; the map is emptied when full, so
  // addresses a client makes up in X-Forwarded-For cannot grow it.
  const known = new Map<string, boolean>();
  return (address) => {
    let trusted = known.get(address);
    if (trusted === undefined) {
      trusted = check(address);
      if (known.size >= KNOWN_ADDRESSES) known.clear();
      known.set(address, trusted);
    }
    return trusted;
  };
}

/**
 * The caller's address for rate limits and audit: the socket's, unless the socket is a trusted proxy,
 * in which case the nearest untrusted hop of `x-forwarded-for`. Addresses in the header are only
 * believed when a trusted proxy put them there, so a client cannot choose its own.
 */
export function clientAddress(req: IncomingMessage, isTrusted: TrustedProxies): string | null {
  const socket = req.socket.remoteAddress ?? null;
  if (!socket || !isTrusted(socket)) return socket;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = hops[index];
    if (hop && !isTrusted(hop)) return isIP(hop) ? hop : socket;
  }
  return socket;
}
