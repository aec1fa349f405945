import type { Page } from 'playwright-core';

/** One `analysisTaskUpdated` message the page received over its websocket. */
export interface TaskUpdateFrame {
  taskId: string;
  status: string;
  progress: number;
}

/** What the analysis page asked the gateway: list reads over HTTP, task subscriptions and their messages. */
export interface AnalysisTraffic {
  listReads: number;
  taskReads: number;
  subscribedTo: string[];
  updates: TaskUpdateFrame[];
}

interface WsMessage {
  type?: string;
  payload?: {
    operationName?: string;
    variables?: { taskId?: string };
    data?: { analysisTaskUpdated?: { analysisTask: { id: string; status: string; progress: number } } };
  };
}

function parse(payload: string | Buffer): WsMessage {
  try {
    return JSON.parse(payload.toString()) as WsMessage;
  } catch {
    return {};
  }
}

/** Starts recording the page's analysis traffic; the returned object fills in as the page runs. */
export function watchAnalysisTraffic(page: Page): AnalysisTraffic {
  const traffic: AnalysisTraffic = { listReads: 0, taskReads: 0, subscribedTo: [], updates: [] };
  page.on('request', (request) => {
    if (request.method() !== 'POST') return;
    const body = request.postDataJSON() as { operationName?: string } | null;
    if (body?.operationName === 'AnalysisTasks') traffic.listReads += 1;
    if (body?.operationName === 'AnalysisTask') traffic.taskReads += 1;
  });
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const message = parse(payload);
      const taskId = message.payload?.variables?.taskId;
      if (message.type === 'subscribe' && message.payload?.operationName === 'AnalysisTaskUpdated' && taskId)
        traffic.subscribedTo.push(taskId);
    });
    socket.on('framereceived', ({ payload }) => {
      const task = parse(payload).payload?.data?.analysisTaskUpdated?.analysisTask;
      if (task) traffic.updates.push({ taskId: task.id, status: task.status, progress: task.progress });
    });
  });
  return traffic;
}
