import type { Page } from 'playwright-core';

/** The task as one `analysisTaskUpdated` message over the page's websocket carried it. */
export interface TaskFrame {
  taskId: string;
  status: string;
  progress: number;
}

/** What the analysis page asked of the gateway: its HTTP reads and requests, its subscriptions and their messages. */
export interface AnalysisTraffic {
  /** `AnalysisTasks` (the list) over HTTP. */
  listReads: number;
  /** `AnalysisTask` (one task) over HTTP. */
  taskReads: number;
  /** The `input` of every `RequestAnalysis` sent. */
  requests: Record<string, unknown>[];
  /** Task ids the page subscribed to with `AnalysisTaskUpdated`. */
  subscribedTo: string[];
  frames: TaskFrame[];
}

interface SocketMessage {
  type?: string;
  payload?: {
    operationName?: string;
    variables?: { taskId?: string };
    data?: { analysisTaskUpdated?: { analysisTask?: { id: string; status: string; progress: number } } };
  };
}

function parsed(text: string | Buffer): SocketMessage {
  try {
    return JSON.parse(text.toString()) as SocketMessage;
  } catch {
    return {};
  }
}

/** Starts recording the page's analysis traffic; the returned object fills in while the page runs. */
export function watchAnalysisTraffic(page: Page): AnalysisTraffic {
  const traffic: AnalysisTraffic = { listReads: 0, taskReads: 0, requests: [], subscribedTo: [], frames: [] };
  page.on('request', (request) => {
    if (request.method() !== 'POST') return;
    const body = request.postDataJSON() as {
      operationName?: string;
      variables?: { input?: Record<string, unknown> };
    } | null;
    if (body?.operationName === 'AnalysisTasks') traffic.listReads += 1;
    if (body?.operationName === 'AnalysisTask') traffic.taskReads += 1;
    if (body?.operationName === 'RequestAnalysis') traffic.requests.push(body.variables?.input ?? {});
  });
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const message = parsed(payload);
      const taskId = message.payload?.variables?.taskId;
      if (message.type === 'subscribe' && message.payload?.operationName === 'AnalysisTaskUpdated' && taskId)
        traffic.subscribedTo.push(taskId);
    });
    socket.on('framereceived', ({ payload }) => {
      const task = parsed(payload).payload?.data?.analysisTaskUpdated?.analysisTask;
      if (task) traffic.frames.push({ taskId: task.id, status: task.status, progress: task.progress });
    });
  });
  return traffic;
}
