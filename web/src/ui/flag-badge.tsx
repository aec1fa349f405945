import type { ReactNode } from 'react';

const LABELS = { H: 'High', L: 'Low', N: 'Normal' } as const;

/** Out-of-range flags in words and colour, never colour alone. */
export function FlagBadge({ flag }: { flag: 'H' | 'L' | 'N' | null | undefined }): ReactNode {
  if (!flag) return <span className="muted">Not flagged</span>;
  const tone = flag === 'N' ? 'normal' : flag === 'H' ? 'high' : 'low';
  return <span className={`badge badge--${tone}`}>{LABELS[flag]}</span>;
}
