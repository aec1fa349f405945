'use client';

import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type ReactNode, useEffect, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { dateTimeText } from '@/format/date-time-text';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { LoadingState } from '@/ui/loading-state';
import { PageHeader } from '@/ui/page-header';
import { QueryError } from '@/ui/query-error';
import { DocumentExtractions } from './document-extractions';
import { DocumentPageView } from './document-page-view';
import {
  DeleteDocumentDocument,
  DocumentDetailDocument,
  DocumentDownloadUrlDocument,
  ReprocessDocumentDocument,
} from './document-operations';
import { DocumentStatusBadge } from './document-status-badge';
import { isInProgress, scanResultLabel } from './document-status';
import { fileSizeText } from './upload-file-check';

const POLL_MS = 1500;

/**
 * One document: its facts, the results read from it to confirm, each page as an image beside its text (the chosen
 * row's source box highlighted on the image), download and delete.
 */
export function DocumentDetail({ id }: { id: string }): ReactNode {
  const router = useRouter();
  const client = useApolloClient();
  const { data, loading, error, refetch, startPolling, stopPolling } = useQuery(DocumentDetailDocument, {
    variables: { id },
  });
  const [reprocess] = useMutation(ReprocessDocumentDocument);
  const [remove] = useMutation(DeleteDocumentDocument);
  const [pending, setPending] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const document = data?.document;
  const selected = document?.extractions.find((extraction) => extraction.id === selectedId) ?? null;
  const working = document ? isInProgress(document.status) : false;

  useEffect(() => {
    if (working) startPolling(POLL_MS);
    else stopPolling();
    return stopPolling;
  }, [working, startPolling, stopPolling]);

  async function act(key: string, work: () => Promise<unknown>): Promise<void> {
    setPending(key);
    setActionError(null);
    try {
      await work();
    } catch (caught) {
      setActionError(describeError(errorInfoFromApollo(caught)));
    } finally {
      setPending(null);
    }
  }

  const download = () =>
    act('download', async () => {
      // Signed links expire within minutes: ask for one at the moment of the click.
      const result = await client.query({
        query: DocumentDownloadUrlDocument,
        variables: { id },
        fetchPolicy: 'network-only',
      });
      if (result.data) window.location.assign(result.data.documentDownloadUrl.url);
    });

  if (loading && !data) return <LoadingState label="Loading the document…" />;
  if (error && !data) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!document) return null;

  return (
    <>
      <PageHeader
        title={document.filename}
        description={<Link href="/documents">All documents</Link>}
        actions={
          <>
            <Button
              variant="secondary"
              busy={pending === 'download'}
              disabled={document.sizeBytes === null || document.sizeBytes === undefined}
              onClick={() => void download()}
            >
              Download
            </Button>
            <Button
              variant="secondary"
              busy={pending === 'reprocess'}
              disabled={working}
              onClick={() =>
                void act('reprocess', async () => {
                  await reprocess({ variables: { id } });
                  await refetch();
                })
              }
            >
              Read again
            </Button>
            <Button variant="danger" onClick={() => setConfirmingDelete(true)}>
              Delete
            </Button>
          </>
        }
      />
      <div className="stack">
        {actionError ? <Alert tone="error">{actionError}</Alert> : null}
        {confirmingDelete ? (
          <Alert
            tone="warning"
            title="Delete this document?"
            actions={
              <>
                <Button
                  variant="danger"
                  small
                  busy={pending === 'delete'}
                  onClick={() =>
                    void act('delete', async () => {
                      await remove({ variables: { id } });
                      router.push('/documents');
                    })
                  }
                >
                  Delete document
                </Button>
                <Button variant="secondary" small onClick={() => setConfirmingDelete(false)}>
                  Keep it
                </Button>
              </>
            }
          >
            The file and its text are removed. Results you already confirmed stay in your record.
          </Alert>
        ) : null}
        {document.failureReason ? (
          <Alert tone="error" title={document.status === 'REJECTED' ? 'Rejected.' : 'Could not be read.'}>
            {document.failureReason}
          </Alert>
        ) : null}
        <Card title="About this document">
          <dl className="facts">
            <dt>Status</dt>
            <dd aria-live="polite">
              <DocumentStatusBadge status={document.status} progress={document.progress} />
            </dd>
            <dt>Type</dt>
            <dd>{document.mediaType ?? '—'}</dd>
            <dt>Size</dt>
            <dd>
              {document.sizeBytes === null || document.sizeBytes === undefined
                ? '—'
                : fileSizeText(document.sizeBytes)}
            </dd>
            <dt>Pages</dt>
            <dd>{document.pageCount}</dd>
            <dt>Virus scan</dt>
            <dd>{scanResultLabel(document.scanResult)}</dd>
            <dt>Uploaded</dt>
            <dd>{dateTimeText(document.createdAt)}</dd>
            <dt>Read</dt>
            <dd>{document.processedAt ? dateTimeText(document.processedAt) : 'Not yet'}</dd>
          </dl>
        </Card>
        {working ? <LoadingState label={`Reading the document… ${document.progress}%`} /> : null}
        {document.status === 'PROCESSED' ? (
          <DocumentExtractions
            extractions={document.extractions}
            onDecided={() => void refetch()}
            selectedId={selectedId}
            onSelect={(extractionId) =>
              setSelectedId((current) => (current === extractionId ? null : extractionId))
            }
          />
        ) : null}
        {document.pages.map((page) => (
          <DocumentPageView key={page.id} page={page} selected={selected} />
        ))}
      </div>
    </>
  );
}
