'use client';

import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { TextField } from '@/ui/text-field';
import { highlightParts } from './highlight-parts';
import { SearchDocumentsDocument } from './document-operations';

/** Full-text search over the patient's documents, best match first, matched words marked. */
export function DocumentSearch(): ReactNode {
  const [draft, setDraft] = useState('');
  const [text, setText] = useState('');
  const { data, loading, error, refetch } = useQuery(SearchDocumentsDocument, {
    variables: { text },
    skip: text === '',
  });

  function submit(event: FormEvent): void {
    event.preventDefault();
    setText(draft.trim());
  }

  const hits = data?.searchDocuments.hits ?? [];
  return (
    <Card title="Search your documents">
      <form className="search-form" onSubmit={submit} role="search">
        <TextField
          label="Words to find"
          hint='For example: sodium, "blood count" or glucose -fasting'
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        <Button type="submit">Search</Button>
      </form>
      {text !== '' && loading && !data ? <LoadingState label="Searching…" /> : null}
      {text !== '' && error && !data ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {text !== '' && data && hits.length === 0 ? (
        <EmptyState title={`No document mentions “${text}”.`} />
      ) : null}
      {hits.length > 0 ? (
        <ol className="list" aria-label="Search results">
          {hits.map((hit) => (
            <li key={`${hit.document.id}:${hit.pageNumber}`}>
              <Link href={`/documents/${hit.document.id}`}>{hit.document.filename}</Link>{' '}
              <span className="muted">page {hit.pageNumber}</span>
              <p className="search-hit">
                {highlightParts(hit.highlight).map((part, index) =>
                  part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
                )}
              </p>
            </li>
          ))}
        </ol>
      ) : null}
    </Card>
  );
}
