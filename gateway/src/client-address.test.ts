import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

const request = (remoteAddress: string, forwardedFor?: string): IncomingMessage =>
  ({
    socket: { remoteAddress },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  }) as unknown as IncomingMessage;
const trusted = new Set(['127.0.0.1', '10.0.0.5']);

describe('clientAddress', () => {
  it('uses the socket address of an untrusted caller and ignores its header', () => {
    expect(clientAddress(request('203.0.113.9', '1.2.3.4'), trusted)).toBe('203.0.113.9');
  });

  it('believes the header when a trusted proxy forwards the request', () => {
    expect(clientAddress(request('127.0.0.1', '198.51.100.7'), trusted)).toBe('198.51.100.7');
  });

  it('takes the nearest untrusted hop, so a client cannot pick its own address behind a proxy chain', () => {
    expect(clientAddress(request('127.0.0.1', '6.6.6.6, 198.51.100.7, 10.0.0.5'), trusted)).toBe(
      '198.51.100.7',
    );
  });

  it('falls back to the proxy address when the header is missing', () => {
    expect(clientAddress(request('127.0.0.1'), trusted)).toBe('127.0.0.1');
  });
});
