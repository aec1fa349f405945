'use client';

import { useMutation } from '@apollo/client/react';
import Link from 'next/link';
import { type DragEvent, type ReactNode, useId, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { Card } from '@/ui/card';
import { FileTransferError, putFile } from './file-transfer';
import { UploadDocumentDocument } from './document-operations';
import { fileSizeText, UPLOAD_ACCEPT, uploadFileProblem } from './upload-file-check';

interface UploadItem {
  key: string;
  name: string;
  size: number;
  percent: number;
  documentId: string | null;
  phase: 'uploading' | 'done' | 'error';
  message: string | null;
}

/** Upload by file picker or drag and drop: create the document, then PUT its bytes to the signed URL. */
export function DocumentUpload({ onUploaded }: { onUploaded: () => void }): ReactNode {
  const inputId = useId();
  const hintId = useId();
  const [upload] = useMutation(UploadDocumentDocument);
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);

  const update = (key: string, change: Partial<UploadItem>) =>
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));

  async function send(file: File, key: string): Promise<void> {
    const problem = uploadFileProblem(file);
    if (problem) {
      update(key, { phase: 'error', message: problem });
      return;
    }
    try {
      const result = await upload({ variables: { input: { filename: file.name, size: file.size } } });
      const created = result.data?.uploadDocument;
      if (!created) throw new FileTransferError('The upload could not be started. Try again.');
      update(key, { documentId: created.document.id });
      // The list shows the new document (waiting for its bytes) while they travel.
      onUploaded();
      await putFile(created.uploadUrl, file, (percent) => update(key, { percent }));
      update(key, { phase: 'done', percent: 100 });
    } catch (caught) {
      const message =
        caught instanceof FileTransferError ? caught.message : describeError(errorInfoFromApollo(caught));
      update(key, { phase: 'error', message });
    } finally {
      onUploaded();
    }
  }

  async function sendAll(files: File[]): Promise<void> {
    const added = files.map((file) => ({
      key: `${file.name}:${file.size}:${Math.random().toString(36).slice(2)}`,
      name: file.name,
      size: file.size,
      percent: 0,
      documentId: null,
      phase: 'uploading' as const,
      message: null,
    }));
    setItems((current) => [...added, ...current]);
    // One at a time, so a large scan does not starve the others of bandwidth and each shows steady progress.
    for (const [index, file] of files.entries()) await send(file, added[index]?.key ?? '');
  }

  function onDrop(event: DragEvent<HTMLDivElement>): void {
    event.preventDefault();
    setDragging(false);
    void sendAll(Array.from(event.dataTransfer.files));
  }

  return (
    <Card title="Upload a document">
      <div
        className={dragging ? 'dropzone dropzone--active' : 'dropzone'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="document-dropzone"
      >
        <p className="dropzone__title">Drop lab reports, letters or scans here</p>
        <label className="field__label" htmlFor={inputId}>
          Or choose files
        </label>
        <input
          id={inputId}
          type="file"
          multiple
          accept={UPLOAD_ACCEPT}
          aria-describedby={hintId}
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = '';
            void sendAll(files);
          }}
        />
        <p className="muted" id={hintId}>
          PDF, PNG, JPEG or TIFF. We read the text and find your lab results; nothing enters your record until
          you confirm it.
        </p>
      </div>
      {items.length > 0 ? (
        <ul className="list" aria-label="Uploads">
          {items.map((item) => (
            <li key={item.key}>
              <div className="row row--spread">
                <span>
                  <strong>{item.name}</strong> <span className="muted">{fileSizeText(item.size)}</span>
                </span>
                {item.phase === 'done' && item.documentId ? (
                  <Link href={`/documents/${item.documentId}`}>Uploaded — open</Link>
                ) : null}
              </div>
              {item.phase === 'error' ? (
                <p className="field__error" role="alert">
                  {item.message}
                </p>
              ) : (
                <progress
                  className="upload-progress"
                  max={100}
                  value={item.percent}
                  aria-label={`Upload of ${item.name}`}
                >
                  {item.percent}%
                </progress>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
