import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface BenchProcess {
  label: string;
  pid: number;
  /** Highest resident memory so far (VmHWM) of the process and its children, in MB. */
  peakRssMegabytes(): number;
  stop(): Promise<void>;
}

function statusKilobytes(pid: number, field: string): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (list) children = children.concat(list.split(/\s+/).map(Number));
    }
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/**
 * Starts a process and resolves once `ready()` says it serves. Its output is kept and printed only if it
 * dies early, so a misconfigured gateway says why.
 */
export async function startProcess(
  label: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; ready: (child: ChildProcess) => Promise<void> },
): Promise<BenchProcess> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${label} exited (${code}):\n${output}`))),
  );
  await Promise.race([options.ready(child), exited]);
  exited.catch(() => undefined);
  const pid = child.pid ?? 0;
  return {
    label,
    pid,
    peakRssMegabytes: () =>
      [pid, ...descendants(pid)].reduce((sum, p) => sum + statusKilobytes(p, 'VmHWM'), 0) / 1024,
    stop: async () => {
      if (child.exitCode !== null) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const children = descendants(pid);
      // SIGTERM first, so a process run with --cpu-prof writes its profile on the way out.
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        for (const p of children.reverse()) {
          try {
            process.kill(p, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
        child.kill('SIGKILL');
      }, 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** Resolves when the child prints `ready`. */
export const printsReady = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (/^ready$/m.test(seen)) resolve();
    });
  });

/** Resolves when `url` answers a POST of `body` with 200. */
export function answers(url: string, body: string, headers: Record<string, string> = {}) {
  return async (): Promise<void> => {
    for (let attempt = 0; attempt < 600; attempt++) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
        });
        if (response.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${url} did not answer within 60 s`);
  };
}
