import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, trustedProxies } from './client-address';

const request = (remoteAddress: string, forwardedFor?: string): IncomingMessage =>
  ({
    socket: { remoteAddress },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  }) as unknown as IncomingMessage;
const trusted = trustedProxies(['127.0.0.1', '10.0.0.5', '172.28.0.0/16', 'fd00::/8']);

describe('clientAddress', () => {
  it('uses the socket address of an untrusted caller and ignores its header', () => {
    expect(clientAddress(request('203.0.113.9', '1.2.3.4'), trusted)).toBe('203.0.113.9');
  });

  it('believes the header when a trusted proxy forwards the request', () => {
    expect(clientAddress(request('127.0.0.1', '198.51.100.7'), trusted)).toBe('198.51.100.7');
    expect(clientAddress(request('::ffff:127.0.0.1', '198.51.100.7'), trusted)).toBe('198.51.100.7');
  });

  it('takes the nearest untrusted hop, so a client cannot pick its own address behind a proxy chain', () => {
    expect(clientAddress(request('127.0.0.1', '6.6.6.6, 198.51.100.7, 10.0.0.5'), trusted)).toBe(
      '198.51.100.7',
    );
  });

  it('trusts ranges, for load balancers and container networks', () => {
    expect(clientAddress(request('172.28.4.9', '198.51.100.7'), trusted)).toBe('198.51.100.7');
    expect(clientAddress(request('fd00::1', '2001:db8::7'), trusted)).toBe('2001:db8::7');
    expect(clientAddress(request('172.29.0.1', '198.51.100.7'), trusted)).toBe('172.29.0.1');
  });

  it('falls back to the proxy address when the header is missing or not an address', () => {
    expect(clientAddress(request('127.0.0.1'), trusted)).toBe('127.0.0.1');
    expect(clientAddress(request('127.0.0.1', 'evil"} 1'), trusted)).toBe('127.0.0.1');
  });

  it('answers the same for an address asked again, also after many made-up addresses', () => {
    const isTrusted = trustedProxies(['127.0.0.1']);
    expect(isTrusted('127.0.0.1')).toBe(true);
    for (let n = 0; n < 3_000; n++) expect(isTrusted(`198.51.${n >> 8}.${n & 255}`)).toBe(false);
    expect(isTrusted('127.0.0.1')).toBe(true);
    expect(isTrusted('::ffff:127.0.0.1')).toBe(true);
    expect(isTrusted('not an address')).toBe(false);
  });

  it('refuses a TRUSTED_PROXIES entry that is not an address', () => {
    expect(() => trustedProxies(['web'])).toThrow(/TRUSTED_PROXIES/);
  });
});
