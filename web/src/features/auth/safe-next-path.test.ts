import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next-path';

describe('safeNextPath', () => {
  it('keeps an in-app path with its query', () => {
    expect(safeNextPath('/labs?code=2345-7')).toBe('/labs?code=2345-7');
  });

  it.each(['https://evil.example', '//evil.example/x', '/\\evil.example', 'labs', ''])(
    'falls back to the dashboard for %j',
    (value) => {
      expect(safeNextPath(value)).toBe('/dashboard');
    },
  );

  it('does not loop back to the sign-in pages', () => {
    expect(safeNextPath('/login?next=/labs')).toBe('/dashboard');
  });
});
