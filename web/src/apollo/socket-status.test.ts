import { describe, expect, it } from 'vitest';
import { SocketStatus } from './socket-status';

describe('SocketStatus', () => {
  it('counts connections and tells a lazy close from a dropped socket', () => {
    const status = new SocketStatus();
    const seen: string[] = [];
    status.subscribe(() => seen.push(status.getState().phase));
    expect(status.getState()).toEqual({ phase: 'idle', connections: 0 });

    status.connecting();
    status.connected();
    status.closed(1000);
    expect(status.getState()).toEqual({ phase: 'idle', connections: 1 });

    status.connecting();
    status.connected();
    status.closed(1006);
    expect(status.getState()).toEqual({ phase: 'down', connections: 2 });
    expect(seen).toEqual(['connecting', 'connected', 'idle', 'connecting', 'connected', 'down']);
  });

  it('stays down while a retry is connecting, until it connects again', () => {
    const status = new SocketStatus();
    status.connecting();
    status.closed(undefined);
    status.connecting();
    expect(status.getState().phase).toBe('down');
    status.connected();
    expect(status.getState()).toEqual({ phase: 'connected', connections: 1 });
  });

  it('stops telling a listener once it unsubscribed', () => {
    const status = new SocketStatus();
    let calls = 0;
    const unsubscribe = status.subscribe(() => (calls += 1));
    status.connecting();
    unsubscribe();
    status.connected();
    expect(calls).toBe(1);
  });
});
