import { describe, expect, it } from 'vitest';
import { SubscriptionCaps } from './subscription-caps';

/** The leases' contract in memory: at most `perUser` slot ids per user. */
function memoryLeases(perUser: number) {
  const slots = new Map<string, Set<string>>();
  const of = (userId: string): Set<string> => {
    let ids = slots.get(userId);
    if (ids === undefined) slots.set(userId, (ids = new Set()));
    return ids;
  };
  return {
    count: (userId: string) => of(userId).size,
    acquire: (userId: string, slotId: string) => {
      if (of(userId).size >= perUser) return Promise.resolve(false);
      of(userId).add(slotId);
      return Promise.resolve(true);
    },
    release: (userId: string, slotId: string) => {
      of(userId).delete(slotId);
      return Promise.resolve();
    },
    renew: () => Promise.resolve(),
  };
}

const fail = (error: unknown): never => {
  throw error;
};

describe('subscription caps', () => {
  it('refuses the slot past the per-connection cap and gives it back on release', async () => {
    const leases = memoryLeases(10);
    const caps = new SubscriptionCaps({ perConnection: 2 }, leases, fail);
    const connection = caps.connection('u1');
    const first = await caps.take(connection);
    expect(typeof (await caps.take(connection))).toBe('object');
    expect(await caps.take(connection)).toBe('connection');
    if (typeof first === 'string') throw new Error('first slot refused');
    first.release();
    first.release();
    expect(leases.count('u1')).toBe(1);
    expect(typeof (await caps.take(connection))).toBe('object');
  });

  it('counts a burst on one socket before Redis answers', async () => {
    const caps = new SubscriptionCaps({ perConnection: 2 }, memoryLeases(10), fail);
    const connection = caps.connection('u1');
    const burst = await Promise.all([1, 2, 3, 4].map(() => caps.take(connection)));
    expect(burst.filter((slot) => slot === 'connection')).toHaveLength(2);
  });

  it("refuses past the user's leases and frees a closed connection's slots, also one still being taken", async () => {
    const leases = memoryLeases(3);
    const caps = new SubscriptionCaps({ perConnection: 5 }, leases, fail);
    const a = caps.connection('u1');
    const b = caps.connection('u1');
    await caps.take(a);
    await caps.take(a);
    await caps.take(b);
    expect(await caps.take(b)).toBe('user');
    expect(typeof (await caps.take(caps.connection('u2')))).toBe('object');
    const inFlight = caps.take(a);
    caps.releaseAll(a);
    expect(await inFlight).toBe('connection');
    expect(leases.count('u1')).toBe(1);
    expect(typeof (await caps.take(b))).toBe('object');
  });
});
