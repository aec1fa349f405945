import type { ReactNode } from 'react';
import { traceViewerHref } from './trace-viewer-href';

/** A trace id, linked to the configured trace viewer when there is one. */
export function TraceLink({ traceId, template }: { traceId: string; template: string | null }): ReactNode {
  const href = traceViewerHref(template, traceId);
  return href ? (
    <a href={href} target="_blank" rel="noreferrer">
      trace {traceId}
    </a>
  ) : (
    <span>trace {traceId}</span>
  );
}
