import { describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_FROM_SERVER } from './client-address-header';
import { browserAddress, loadWebConfig } from './web-config';

const signIn = new Request('http://127.0.0.1:3000/api/auth/login', {
  method: 'POST',
  headers: { 'x-forwarded-for': '198.51.100.7' },
});

describe('browserAddress', () => {
  it("passes on the address the web app's own server wrote", () => {
    const config = loadWebConfig({ NODE_ENV: 'production', [CLIENT_ADDRESS_FROM_SERVER]: 'true' });
    expect(browserAddress(signIn, config)).toBe('198.51.100.7');
  });

  it('passes on nothing under a server that leaves the browser-written header in place', () => {
    expect(browserAddress(signIn, loadWebConfig({ NODE_ENV: 'production' }))).toBeNull();
  });
});

describe('TRACE_VIEWER_URL', () => {
  it('keeps the {traceId} placeholder and is off when unset', () => {
    expect(
      loadWebConfig({ NODE_ENV: 'production', TRACE_VIEWER_URL: 'http://localhost:16686/trace/{traceId}' })
        .traceViewerUrl,
    ).toBe('http://localhost:16686/trace/{traceId}');
    expect(loadWebConfig({ NODE_ENV: 'production' }).traceViewerUrl).toBeNull();
  });

  it('names the variable when the template has no {traceId}', () => {
    expect(() =>
      loadWebConfig({ NODE_ENV: 'production', TRACE_VIEWER_URL: 'http://localhost:16686/search' }),
    ).toThrow(/TRACE_VIEWER_URL/);
  });
});
