'use client';

import { useApolloClient, useSubscription } from '@apollo/client/react';
import { type ReactNode, useEffect, useRef } from 'react';
import { AnalysisTaskDocument, AnalysisTaskUpdatedDocument } from './analysis-operations';

/**
 * A change published before the gateway listened for this subscriber is not replayed, and the local model can
 * finish a task in less time than subscribing takes. A subscription that stayed silent this long is surely
 * listening, so one read then catches up and everything after it arrives over the socket.
 */
const CATCH_UP_AFTER_MS = 3_000;

interface AnalysisTaskLiveProps {
  taskId: string;
  /** The subscription failed (socket down for good, access lost): the page polls for this task instead. */
  onLost: (taskId: string) => void;
}

/**
 * Follows one unfinished task over `analysisTaskUpdated`. Each message carries the task as it is now, which the
 * cache merges into the list on screen; the page mounts this only while the task is unfinished, so the
 * subscription ends when it finishes.
 */
export function AnalysisTaskLive({ taskId, onLost }: AnalysisTaskLiveProps): ReactNode {
  const client = useApolloClient();
  const heard = useRef(false);
  useSubscription(AnalysisTaskUpdatedDocument, {
    variables: { taskId },
    onData: () => {
      heard.current = true;
    },
    onError: () => onLost(taskId),
  });

  useEffect(() => {
    const timer = setTimeout(() => {
      if (heard.current) return;
      client
        .query({ query: AnalysisTaskDocument, variables: { id: taskId }, fetchPolicy: 'network-only' })
        .catch(() => onLost(taskId));
    }, CATCH_UP_AFTER_MS);
    return () => clearTimeout(timer);
  }, [client, taskId, onLost]);
  return null;
}
