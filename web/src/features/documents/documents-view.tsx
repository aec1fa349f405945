'use client';

import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { type ReactNode, useEffect } from 'react';
import { dateTimeText } from '@/format/date-time-text';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { DocumentSearch } from './document-search';
import { DocumentStatusBadge } from './document-status-badge';
import { DocumentUpload } from './document-upload';
import { DocumentListDocument } from './document-operations';
import { isInProgress, scanResultLabel } from './document-status';
import { fileSizeText } from './upload-file-check';

const POLL_MS = 1500;

/** Upload, the patient's documents with their processing status (followed while it runs), and search. */
export function DocumentsView(): ReactNode {
  const { data, loading, error, refetch, startPolling, stopPolling } = useQuery(DocumentListDocument);
  const documents = data?.documents.nodes ?? [];
  const working = documents.some((document) => isInProgress(document.status));

  // Polled only while a document is on its way, so an idle page costs nothing.
  useEffect(() => {
    if (working) startPolling(POLL_MS);
    else stopPolling();
    return stopPolling;
  }, [working, startPolling, stopPolling]);

  return (
    <div className="stack">
      <DocumentUpload onUploaded={() => void refetch()} />
      <Card title="Your documents">
        {loading && !data ? <LoadingState label="Loading your documents…" /> : null}
        {error && !data ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
        {data && documents.length === 0 ? (
          <EmptyState title="No documents yet.">
            Upload a lab report above to see its results here.
          </EmptyState>
        ) : null}
        {documents.length > 0 ? (
          <div className="table-wrap">
            <table className="table" aria-label="Your documents">
              <thead>
                <tr>
                  <th scope="col">Document</th>
                  <th scope="col">Status</th>
                  <th scope="col">Pages</th>
                  <th scope="col">Size</th>
                  <th scope="col">Virus scan</th>
                  <th scope="col">Uploaded</th>
                </tr>
              </thead>
              <tbody>
                {documents.map((document) => (
                  <tr key={document.id}>
                    <td>
                      <Link href={`/documents/${document.id}`}>{document.filename}</Link>
                      {document.failureReason ? (
                        <div className="field__error">{document.failureReason}</div>
                      ) : null}
                    </td>
                    <td aria-live="polite">
                      <DocumentStatusBadge status={document.status} progress={document.progress} />
                    </td>
                    <td>{document.pageCount}</td>
                    <td>
                      {document.sizeBytes === null || document.sizeBytes === undefined
                        ? '—'
                        : fileSizeText(document.sizeBytes)}
                    </td>
                    <td>{scanResultLabel(document.scanResult)}</td>
                    <td>{dateTimeText(document.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {data?.documents.hasNextPage ? (
          <p className="muted">Showing your 50 newest documents; search finds the older ones.</p>
        ) : null}
      </Card>
      <DocumentSearch />
    </div>
  );
}
