'use client';

import type { ReactNode } from 'react';
import type { DocumentDetailQuery } from '@/gql/graphql';
import { Card } from '@/ui/card';

type Page = DocumentDetailQuery['document']['pages'][number];
type Extraction = DocumentDetailQuery['document']['extractions'][number];

const percent = (part: number, whole: number): string => `${((100 * part) / Math.max(whole, 1)).toFixed(3)}%`;

/**
 * One page side by side: the page image with the selected row's source box drawn over it, and the recognized text.
 * Boxes are in the page's own units (`width`×`height`), so they are placed as shares of the image, whatever its
 * pixel size.
 */
export function DocumentPageView({ page, selected }: { page: Page; selected: Extraction | null }): ReactNode {
  const highlight = selected && selected.pageNumber === page.pageNumber ? selected.box : null;
  return (
    <Card title={`Page ${page.pageNumber}`}>
      <p className="muted">
        {page.source === 'OCR'
          ? `Recognized from the image (OCR, ${Math.round((page.ocrConfidence ?? 0) * 100)}% confident)`
          : 'Text from the PDF'}
      </p>
      <div className="page-view">
        {page.imageUrl ? (
          <figure className="page-view__image">
            {/* A signed, short-lived link to an encrypted file: next/image would cache and re-serve it. */}
            <img src={page.imageUrl} alt={`Page ${page.pageNumber} as an image`} />
            {highlight ? (
              <span
                className="page-view__highlight"
                data-testid="source-highlight"
                aria-label={`Where ${selected?.display ?? 'the row'} was read`}
                style={{
                  left: percent(highlight.x, page.width),
                  top: percent(highlight.y, page.height),
                  width: percent(highlight.width, page.width),
                  height: percent(highlight.height, page.height),
                }}
              />
            ) : null}
          </figure>
        ) : (
          <p className="muted page-view__image">No image of this page (TIFF files are shown as text only).</p>
        )}
        <pre className="page-text" aria-label={`Text of page ${page.pageNumber}`}>
          {page.text}
        </pre>
      </div>
    </Card>
  );
}
