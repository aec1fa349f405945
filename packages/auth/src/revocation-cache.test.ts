import { describe, expect, it } from 'vitest';
import { Role, type Principal } from './principal';
import {
  REVOCATION_READY_KEY,
  revocationStates,
  revokedServiceClientKey,
  revokedSessionKey,
} from './revocation-cache';

const user = (sessionId: string | null): Principal => ({
  kind: 'user',
  id: `user-${sessionId ?? 'none'}`,
  roles: [Role.PATIENT],
  sessionId,
  scopes: [],
  emailVerified: true,
});
const client = (id: string): Principal => ({
  kind: 'service',
  id,
  roles: [Role.PARTNER],
  sessionId: null,
  scopes: [],
  emailVerified: false,
});

/** An MGET over a plain map, recording what it was asked. */
function fakeRedis(values: Record<string, string>): {
  mget: (...keys: string[]) => Promise<Array<string | null>>;
  asked: string[][];
} {
  const asked: string[][] = [];
  return {
    asked,
    mget: async (...keys: string[]) => {
      asked.push(keys);
      return keys.map((key) => values[key] ?? null);
    },
  };
}

describe('revocationStates', () => {
  it('answers every principal in order from one MGET; one without a session is active', async () => {
    const redis = fakeRedis({
      [REVOCATION_READY_KEY]: '1',
      [revokedSessionKey('s2')]: '1',
      [revokedServiceClientKey('c2')]: '1',
    });
    const states = await revocationStates(redis, [
      user('s1'),
      user(null),
      user('s2'),
      client('c1'),
      client('c2'),
    ]);
    expect(states).toEqual(['active', 'active', 'revoked', 'active', 'revoked']);
    expect(redis.asked).toEqual([
      [
        REVOCATION_READY_KEY,
        revokedSessionKey('s1'),
        revokedSessionKey('s2'),
        revokedServiceClientKey('c1'),
        revokedServiceClientKey('c2'),
      ],
    ]);
  });

  it('answers unknown for all while the cache is not known to be complete', async () => {
    const states = await revocationStates(fakeRedis({}), [user('s1'), client('c1')]);
    expect(states).toEqual(['unknown', 'unknown']);
  });
});
