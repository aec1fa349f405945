import type { ReactNode } from 'react';
import type { DocumentStatus } from '@/gql/graphql';
import { documentStatusLabel, documentStatusTone } from './document-status';

export function DocumentStatusBadge({
  status,
  progress,
}: {
  status: DocumentStatus;
  progress: number;
}): ReactNode {
  const tone = documentStatusTone(status);
  const label = documentStatusLabel(status);
  return (
    <span className={tone === 'neutral' ? 'badge' : `badge badge--${tone}`}>
      {status === 'PROCESSING' ? `${label} ${progress}%` : label}
    </span>
  );
}
