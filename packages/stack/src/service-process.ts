import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

/** Runs one service as a child process, its JSON logs going to `logFile`. */
export function startServiceProcess(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
  onExit: (name: string, code: number | null) => void,
): ServiceProcess {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let exited = false;
  const exitPromise = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      onExit(name, code);
      resolve();
    }),
  );
  return {
    name,
    child,
    logFile,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exitPromise;
      clearTimeout(timer);
      log.end();
    },
  };
}

/** The `service` a health answer names (`/health` and `/ready` of every service say who they are), if any. */
async function answeringService(response: Response): Promise<unknown> {
  try {
    return ((await response.json()) as { service?: unknown }).service;
  } catch {
    return undefined;
  }
}

/**
 * Polls a URL until it answers 2xx (readiness) or the deadline passes. With `service`, an answer naming another
 * service does not count: if two services were given one port, the other one's /ready must not pass for this one.
 */
export async function waitForReady(
  url: string,
  timeoutMs: number,
  isAlive: () => boolean,
  service?: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`process exited before ${url} was ready`);
    const ok = await fetch(url).then(
      async (response) => {
        if (!response.ok) return false;
        const named = service === undefined ? undefined : await answeringService(response);
        return named === undefined || named === service;
      },
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}
