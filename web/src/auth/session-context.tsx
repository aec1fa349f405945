'use client';

import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SessionManager, SessionState } from './session-manager';

export const SessionContext = createContext<SessionManager | null>(null);

export function useSessionManager(): SessionManager {
  const manager = useContext(SessionContext);
  if (!manager) throw new Error('useSessionManager must be used inside <AppProviders>');
  return manager;
}

const SERVER_STATE: SessionState = { status: 'restoring' };

/** The session state, re-rendering on sign-in, refresh failure and sign-out. */
export function useSession(): SessionState {
  const manager = useSessionManager();
  return useSyncExternalStore(manager.subscribe, manager.getState, () => SERVER_STATE);
}
