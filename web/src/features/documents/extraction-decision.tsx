'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import type { DocumentDetailQuery } from '@/gql/graphql';
import { Button } from '@/ui/button';
import { extractionStatusLabel } from './document-status';

type Extraction = DocumentDetailQuery['document']['extractions'][number];

/** Where a confirmed result is seen in the record: its lab chart, or the record for diagnoses and medications. */
const recordHref = (extraction: Extraction): string =>
  extraction.kind === 'LAB_RESULT' ? `/labs/${encodeURIComponent(extraction.code)}` : '/record';

/** Confirm / reject buttons for a proposal, or the decision already taken. */
export function ExtractionDecision({
  extraction,
  pending,
  onConfirm,
  onReject,
}: {
  extraction: Extraction;
  pending: string | null;
  onConfirm: () => void;
  onReject: () => void;
}): ReactNode {
  if (extraction.status === 'CONFIRMED')
    return <Link href={recordHref(extraction)}>{extractionStatusLabel(extraction.status)}</Link>;
  if (extraction.status !== 'PROPOSED')
    return <span className="muted">{extractionStatusLabel(extraction.status)}</span>;
  return (
    <div className="row">
      <Button
        small
        busy={pending === extraction.id}
        disabled={pending === 'all'}
        aria-label={`Confirm ${extraction.display}`}
        onClick={onConfirm}
      >
        Confirm
      </Button>
      <Button
        small
        variant="secondary"
        busy={pending === `reject:${extraction.id}`}
        disabled={pending === 'all'}
        aria-label={`Reject ${extraction.display}`}
        onClick={onReject}
      >
        Reject
      </Button>
    </div>
  );
}
