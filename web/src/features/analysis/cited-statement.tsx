import Link from 'next/link';
import type { ReactNode } from 'react';
import { citationHref, citationLabel } from './citation-link';

interface Citation {
  recordId: string;
  recordKind: string;
}

/** One statement with a link to each record it rests on. */
export function CitedStatement({ text, citations }: { text: string; citations: Citation[] }): ReactNode {
  return (
    <li className="stack">
      <span>{text}</span>
      {citations.length > 0 ? (
        <span className="muted">
          Sources:{' '}
          {citations.map((citation, index) => (
            <span key={`${citation.recordKind}-${citation.recordId}`}>
              {index > 0 ? ', ' : null}
              <Link
                href={citationHref(citation.recordKind, citation.recordId)}
                data-citation={citation.recordId}
              >
                {citationLabel(citation.recordKind)}
              </Link>
            </span>
          ))}
        </span>
      ) : null}
    </li>
  );
}
