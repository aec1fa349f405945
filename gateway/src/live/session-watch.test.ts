import { REVOCATION_READY_KEY, revokedSessionKey, Role, type Principal } from '@holovitals/auth';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionWatch } from './session-watch';

const principal = (sessionId: string): Principal => ({
  kind: 'user',
  id: `user-${sessionId}`,
  roles: [Role.PATIENT],
  sessionId,
  scopes: [],
  emailVerified: true,
});

function fakeRedis(values: Map<string, string>): {
  mget: (...keys: string[]) => Promise<Array<string | null>>;
  reads: number;
  fail: boolean;
} {
  const redis = {
    reads: 0,
    fail: false,
    mget: async (...keys: string[]) => {
      redis.reads += 1;
      if (redis.fail) throw new Error('connection lost');
      return keys.map((key) => values.get(key) ?? null);
    },
  };
  return redis;
}

describe('SessionWatch', () => {
  const watches: SessionWatch[] = [];
  afterEach(() => watches.splice(0).forEach((watch) => watch.close()));

  function watchWith(redis: ReturnType<typeof fakeRedis>): SessionWatch {
    const watch = new SessionWatch(redis, 60_000);
    watches.push(watch);
    return watch;
  }

  it('checks 1,200 sockets with three reads and ends only the revoked session', async () => {
    const values = new Map([[REVOCATION_READY_KEY, '1']]);
    const redis = fakeRedis(values);
    const watch = watchWith(redis);
    const ended: string[] = [];
    for (let index = 0; index < 1_200; index += 1) {
      const session = principal(`s${index}`);
      watch.watch({ principal: session, ended: () => ended.push(session.sessionId ?? '') });
    }
    values.set(revokedSessionKey('s700'), '1');
    await watch.check();
    expect(redis.reads).toBe(3);
    expect(ended).toEqual(['s700']);
    expect(watch.size).toBe(1_199);
    await watch.check();
    expect(ended).toEqual(['s700']);
  });

  it('stops checking a socket once unwatched', async () => {
    const values = new Map([[REVOCATION_READY_KEY, '1']]);
    const redis = fakeRedis(values);
    const watch = watchWith(redis);
    let ended = 0;
    const stop = watch.watch({ principal: principal('gone'), ended: () => (ended += 1) });
    stop();
    values.set(revokedSessionKey('gone'), '1');
    await watch.check();
    expect(ended).toBe(0);
    expect(watch.size).toBe(0);
  });

  it('ends every session when Redis cannot answer or the revocation cache is not ready (fails closed)', async () => {
    const redis = fakeRedis(new Map());
    const watch = watchWith(redis);
    let ended = 0;
    watch.watch({ principal: principal('a'), ended: () => (ended += 1) });
    await watch.check();
    expect(ended).toBe(1);

    const failing = fakeRedis(new Map([[REVOCATION_READY_KEY, '1']]));
    failing.fail = true;
    const other = watchWith(failing);
    other.watch({ principal: principal('b'), ended: () => (ended += 1) });
    await other.check();
    expect(ended).toBe(2);
  });
});
