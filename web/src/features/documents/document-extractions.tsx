'use client';

import { useMutation } from '@apollo/client/react';
import Link from 'next/link';
import { type ReactNode, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { dateText } from '@/format/clinical-text';
import type { DocumentDetailQuery } from '@/gql/graphql';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { ConfirmExtractionDocument, RejectExtractionDocument } from './document-operations';
import { extractionStatusLabel } from './document-status';

type Extraction = DocumentDetailQuery['document']['extractions'][number];

/** The lab rows read from the document with their LOINC code; confirm puts one into the record. */
export function DocumentExtractions({
  extractions,
  onDecided,
}: {
  extractions: Extraction[];
  onDecided: () => void;
}): ReactNode {
  const [confirm] = useMutation(ConfirmExtractionDocument);
  const [reject] = useMutation(RejectExtractionDocument);
  const [pending, setPending] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const proposed = extractions.filter((extraction) => extraction.status === 'PROPOSED');

  async function act(key: string, work: () => Promise<unknown>): Promise<void> {
    setPending(key);
    setActionError(null);
    try {
      await work();
    } catch (caught) {
      setActionError(describeError(errorInfoFromApollo(caught)));
    } finally {
      setPending(null);
      onDecided();
    }
  }

  const confirmAll = () =>
    act('all', async () => {
      for (const extraction of proposed) await confirm({ variables: { id: extraction.id } });
    });

  return (
    <Card
      title="Lab results found"
      actions={
        proposed.length > 1 ? (
          <Button small busy={pending === 'all'} onClick={() => void confirmAll()}>
            Confirm all {proposed.length}
          </Button>
        ) : null
      }
    >
      {actionError ? <Alert tone="error">{actionError}</Alert> : null}
      {extractions.length === 0 ? (
        <EmptyState title="No lab results found in this document.">
          Its text is below; nothing was proposed for your record.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Lab results found">
            <thead>
              <tr>
                <th scope="col">Test as printed</th>
                <th scope="col">LOINC</th>
                <th scope="col">Result</th>
                <th scope="col">Reference range</th>
                <th scope="col">Flag</th>
                <th scope="col">Date</th>
                <th scope="col">Page</th>
                <th scope="col">Confidence</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {extractions.map((extraction) => (
                <tr key={extraction.id}>
                  <th scope="row">{extraction.display}</th>
                  <td>
                    {extraction.standardized?.loincCode ? (
                      <>
                        <code>{extraction.standardized.loincCode}</code>{' '}
                        <span className="muted">
                          {extraction.standardized.shortName ?? extraction.standardized.loincDisplay}
                        </span>
                      </>
                    ) : (
                      <span className="muted">No code</span>
                    )}
                  </td>
                  <td>
                    {extraction.valueText} {extraction.unit ?? ''}
                  </td>
                  <td>{extraction.referenceText ?? '—'}</td>
                  <td>
                    {extraction.flag ? <span className="badge badge--high">{extraction.flag}</span> : '—'}
                  </td>
                  <td>{extraction.effectiveAt ? dateText(extraction.effectiveAt) : '—'}</td>
                  <td>{extraction.pageNumber}</td>
                  <td>{Math.round(extraction.confidence * 100)}%</td>
                  <td>
                    {extraction.status === 'PROPOSED' ? (
                      <div className="row">
                        <Button
                          small
                          busy={pending === extraction.id}
                          disabled={pending === 'all'}
                          aria-label={`Confirm ${extraction.display}`}
                          onClick={() =>
                            void act(extraction.id, () => confirm({ variables: { id: extraction.id } }))
                          }
                        >
                          Confirm
                        </Button>
                        <Button
                          small
                          variant="secondary"
                          busy={pending === `reject:${extraction.id}`}
                          disabled={pending === 'all'}
                          aria-label={`Reject ${extraction.display}`}
                          onClick={() =>
                            void act(`reject:${extraction.id}`, () =>
                              reject({ variables: { id: extraction.id } }),
                            )
                          }
                        >
                          Reject
                        </Button>
                      </div>
                    ) : extraction.status === 'CONFIRMED' ? (
                      <Link href={`/labs/${encodeURIComponent(extraction.code)}`}>
                        {extractionStatusLabel(extraction.status)}
                      </Link>
                    ) : (
                      <span className="muted">{extractionStatusLabel(extraction.status)}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
