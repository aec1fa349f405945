'use client';

import { useApolloClient, useSubscription } from '@apollo/client/react';
import { type ReactNode, useEffect } from 'react';
import { useSocketState } from '@/apollo/socket-status';
import { AnalysisTaskDocument, AnalysisTaskUpdatedDocument } from './analysis-operations';

interface AnalysisTaskWatchProps {
  taskId: string;
  /** Called when the subscription ended in an error, so the page falls back to polling for this task. */
  onLost: (taskId: string) => void;
}

/**
 * Follows one unfinished task over `analysisTaskUpdated`: each message carries the task as it is now, which the
 * cache merges into the list on screen. Mounted only while the task is unfinished, so the subscription stops
 * when it finishes.
 */
export function AnalysisTaskWatch({ taskId, onLost }: AnalysisTaskWatchProps): ReactNode {
  const client = useApolloClient();
  const socket = useSocketState();
  useSubscription(AnalysisTaskUpdatedDocument, {
    variables: { taskId },
    onData: ({ data }) => {
      if (data.data?.analysisTaskUpdated.kind === 'DELETED')
        void client.refetchQueries({ include: ['AnalysisTasks'] });
    },
    onError: () => onLost(taskId),
  });

  // A change published before this subscription reached the gateway (or while the socket was down) is not
  // replayed, so the task is read once each time the socket (re)connects.
  const connected = socket.phase === 'connected';
  useEffect(() => {
    if (!connected) return;
    client
      .query({ query: AnalysisTaskDocument, variables: { id: taskId }, fetchPolicy: 'network-only' })
      .catch(() => onLost(taskId));
  }, [client, taskId, onLost, connected, socket.connections]);
  return null;
}
