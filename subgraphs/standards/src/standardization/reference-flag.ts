import { ReferenceFlag } from './lab-result';

/** H above the high limit, L below the low one, N inside; null without a usable range or value. */
export function referenceFlag(
  value: number | null,
  low: number | null,
  high: number | null,
): ReferenceFlag | null {
  if (value === null || (low === null && high === null)) return null;
  if (low !== null && high !== null && low > high) return null;
  if (high !== null && value > high) return ReferenceFlag.H;
  if (low !== null && value < low) return ReferenceFlag.L;
  return ReferenceFlag.N;
}
