import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next-path';

/** What the login page receives: `URLSearchParams` decodes the query once, as the browser does. */
const fromQuery = (rawQueryValue: string): string | null =>
  new URLSearchParams(`next=${rawQueryValue}`).get('next');

describe('safeNextPath', () => {
  it('keeps an in-app path with its query and fragment', () => {
    expect(safeNextPath('/labs?code=2345-7')).toBe('/labs?code=2345-7');
    expect(safeNextPath('/record#allergies')).toBe('/record#allergies');
    expect(safeNextPath(fromQuery('%2Flabs%3Fcode%3D2345-7'))).toBe('/labs?code=2345-7');
  });

  it.each(['https://evil.example', '//evil.example/x', '/\\evil.example', 'labs', '', 'javascript:alert(1)'])(
    'falls back to the dashboard for %j',
    (value) => {
      expect(safeNextPath(value)).toBe('/dashboard');
    },
  );

  // Each of these reaches the parser as `//evil.example` (or `/\evil.example`) once tabs, newlines and
  // carriage returns are dropped and backslashes read as slashes.
  it.each([
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    '/\r\n/evil.example',
    '/\\/evil.example',
    '\\/evil.example',
    '/\t\\evil.example',
    '/ \t/evil.example',
    '/\u0000/evil.example',
  ])('refuses the raw control-character variant %j', (value) => {
    expect(safeNextPath(value)).toBe('/dashboard');
  });

  it.each([
    '/%09/evil.example',
    '/%0a/evil.example',
    '/%0D/evil.example',
    '/%0d%0a/evil.example',
    '/%5C/evil.example',
    '%2F%2Fevil.example',
    '/%5c%5cevil.example',
  ])('refuses the percent-encoded variant %j as the login page decodes it', (raw) => {
    expect(safeNextPath(fromQuery(raw))).toBe('/dashboard');
  });

  it('keeps a doubly encoded value a same-origin path', () => {
    const next = safeNextPath(fromQuery('/%2509/evil.example'));
    expect(new URL(next, 'https://app.example').origin).toBe('https://app.example');
  });

  it('does not loop back to the sign-in pages', () => {
    expect(safeNextPath('/login?next=/labs')).toBe('/dashboard');
    expect(safeNextPath('/./login')).toBe('/dashboard');
  });
});
