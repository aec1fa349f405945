import { readFileSync, writeFileSync } from 'node:fs';

/** One line of a benchmark's targets table: what was measured against what, and whether it is met. */
export interface BenchTarget {
  target: string;
  measured: string;
  baseline: string;
  /** Null: reported, no target. */
  met: boolean | null;
}

/**
 * Hands a bench's targets to the run that started it (`npm run bench:gateway` prints one table for all):
 * written to `BENCH_RESULTS_FILE` when set, else nothing (the bench's own output stands alone).
 */
export function writeBenchTargets(targets: BenchTarget[], env: NodeJS.ProcessEnv = process.env): void {
  const file = env['BENCH_RESULTS_FILE'];
  if (file) writeFileSync(file, JSON.stringify(targets));
}

export function readBenchTargets(file: string): BenchTarget[] {
  return JSON.parse(readFileSync(file, 'utf8')) as BenchTarget[];
}
