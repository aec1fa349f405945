import { HealthStatus } from '../monitoring-vocabulary';
import type { MonitoringTarget } from './monitoring-targets';

export interface HealthCheckResult {
  name: string;
  status: HealthStatus.UP | HealthStatus.DOWN;
  latencyMs: number;
  detail: string | null;
  at: Date;
}

/** One GET of a health URL: 2xx within the timeout is UP; anything else is DOWN, with why. */
export async function checkHealth(target: MonitoringTarget, timeoutMs: number): Promise<HealthCheckResult> {
  const started = performance.now();
  const at = new Date();
  try {
    const response = await fetch(target.healthUrl, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    const latencyMs = Math.round(performance.now() - started);
    return response.ok
      ? { name: target.name, status: HealthStatus.UP, latencyMs, detail: null, at }
      : { name: target.name, status: HealthStatus.DOWN, latencyMs, detail: `HTTP ${response.status}`, at };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    const cause =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    const detail =
      error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : cause;
    return { name: target.name, status: HealthStatus.DOWN, latencyMs, detail, at };
  }
}
