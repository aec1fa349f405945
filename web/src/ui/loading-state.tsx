import type { ReactNode } from 'react';

export function LoadingState({ label = 'Loading…' }: { label?: string }): ReactNode {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="loading__spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
