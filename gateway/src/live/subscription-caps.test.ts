import { describe, expect, it } from 'vitest';
import { SubscriptionCaps } from './subscription-caps';

describe('subscription caps', () => {
  it('refuses the slot past the per-connection cap and gives it back on release', () => {
    const caps = new SubscriptionCaps({ perConnection: 2, perUser: 10 });
    const connection = caps.connection('u1');
    const first = caps.take(connection);
    expect(typeof caps.take(connection)).toBe('object');
    expect(caps.take(connection)).toBe('connection');
    if (typeof first === 'string') throw new Error('first slot refused');
    first.release();
    first.release();
    expect(caps.usedBy('u1')).toBe(1);
    expect(typeof caps.take(connection)).toBe('object');
  });

  it("counts a user's slots across connections and frees a closed connection's slots", () => {
    const caps = new SubscriptionCaps({ perConnection: 5, perUser: 3 });
    const a = caps.connection('u1');
    const b = caps.connection('u1');
    caps.take(a);
    caps.take(a);
    caps.take(b);
    expect(caps.take(b)).toBe('user');
    expect(typeof caps.take(caps.connection('u2'))).toBe('object');
    caps.releaseAll(a);
    expect(caps.usedBy('u1')).toBe(1);
    expect(typeof caps.take(b)).toBe('object');
  });
});
