'use client';

import { createContext, useContext, useSyncExternalStore } from 'react';

/**
 * The subscription socket's state: `idle` until a subscription opens it (the socket is lazy), `down` after it
 * closed while something still listened, and `connections` counts every (re)connect so a view can catch up on
 * what it missed while the socket was down.
 */
export interface SocketState {
  phase: 'idle' | 'connecting' | 'connected' | 'down';
  connections: number;
}

/** Fed by the graphql-ws client's events; read by views through `useSocketState`. */
export class SocketStatus {
  private state: SocketState = { phase: 'idle', connections: 0 };
  private readonly listeners = new Set<() => void>();

  connecting(): void {
    // A retry after a failure stays `down` until it succeeds, so the fallback poll keeps running meanwhile.
    if (this.state.phase !== 'down') this.set({ ...this.state, phase: 'connecting' });
  }

  connected(): void {
    this.set({ phase: 'connected', connections: this.state.connections + 1 });
  }

  /** A normal closure (1000) is the lazy client closing an unused socket; anything else leaves listeners deaf. */
  closed(code: number | undefined): void {
    this.set({ ...this.state, phase: code === 1000 ? 'idle' : 'down' });
  }

  readonly getState = (): SocketState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(next: SocketState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

export const SocketStatusContext = createContext<SocketStatus | null>(null);

const SERVER_STATE: SocketState = { phase: 'idle', connections: 0 };

/** The subscription socket's state, re-rendering when it connects or drops. */
export function useSocketState(): SocketState {
  const status = useContext(SocketStatusContext);
  if (!status) throw new Error('useSocketState must be used inside <AppProviders>');
  return useSyncExternalStore(status.subscribe, status.getState, () => SERVER_STATE);
}
