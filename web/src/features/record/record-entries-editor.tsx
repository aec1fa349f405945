'use client';

import type { TypedDocumentNode } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { type ComponentType, type ReactNode, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError, type ErrorInfo } from '@/errors/error-info';
import { conceptText } from '@/format/clinical-text';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import type { EntryFormProps } from './entry-form';
import { usePatientScope } from './patient-scope';

/** What every hand-editable record entry has: an id, the version a change is based on, and a name. */
export interface RecordEntry {
  id: string;
  version: number;
  display?: string | null;
}

/** The four operations of one kind of entry; the list query aliases its connection as `entries`. */
export interface EntryOperations<Entry extends RecordEntry, Input> {
  list: TypedDocumentNode<{ patient: { entries: { nodes: Entry[] } } }, { id: string }>;
  create: TypedDocumentNode<unknown, { patientId: string; input: Input }>;
  update: TypedDocumentNode<unknown, { id: string; version: number; input: Input }>;
  remove: TypedDocumentNode<unknown, { id: string; version: number }>;
}

interface RecordEntriesEditorProps<Entry extends RecordEntry, Input extends { display?: string | null }> {
  /** Plural heading, e.g. "Allergies"; also names the list and its empty state. */
  title: string;
  /** Singular name for buttons and forms, e.g. "allergy". */
  noun: string;
  operations: EntryOperations<Entry, Input>;
  form: ComponentType<EntryFormProps<Entry, Input>>;
  /** The parts of the line under an entry's name; empty parts are left out. */
  details: (entry: Entry) => (string | null | undefined | false)[];
}

type Editing<Entry> = { mode: 'add' } | { mode: 'edit'; entry: Entry } | null;

/** Lists one kind of record entry with add, edit and delete; each change carries the version it was based on. */
export function RecordEntriesEditor<Entry extends RecordEntry, Input extends { display?: string | null }>({
  title,
  noun,
  operations,
  form: Form,
  details,
}: RecordEntriesEditorProps<Entry, Input>): ReactNode {
  const { patientId } = usePatientScope();
  const { data, loading, error, refetch } = useQuery(operations.list, { variables: { id: patientId } });
  const [createEntry, created] = useMutation(operations.create);
  const [updateEntry, updated] = useMutation(operations.update);
  const [deleteEntry] = useMutation(operations.remove);
  const [editing, setEditing] = useState<Editing<Entry>>(null);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState<string | null>(null);

  async function save(input: Input): Promise<void> {
    setFailure(null);
    setSaved(null);
    try {
      if (editing?.mode === 'edit') {
        await updateEntry({ variables: { id: editing.entry.id, version: editing.entry.version, input } });
      } else {
        await createEntry({ variables: { patientId, input } });
      }
      setSaved(`Saved “${conceptText(input.display)}”.`);
      setEditing(null);
      await refetch();
    } catch (caught) {
      setFailure(errorInfoFromApollo(caught));
    }
  }

  async function remove(entry: Entry): Promise<void> {
    setConfirmingDelete(null);
    setFailure(null);
    setSaved(null);
    try {
      await deleteEntry({ variables: { id: entry.id, version: entry.version } });
      setSaved(`Removed “${conceptText(entry.display)}”.`);
      await refetch();
    } catch (caught) {
      setFailure(errorInfoFromApollo(caught));
    }
  }

  const formProps = {
    fieldErrors: failure?.fieldErrors ?? {},
    onSubmit: (input: Input) => void save(input),
    onCancel: () => setEditing(null),
  };
  const entries = data?.patient.entries.nodes ?? [];
  const addLabel = `Add ${noun}`;
  return (
    <Card
      title={title}
      actions={
        editing ? null : (
          <Button small onClick={() => setEditing({ mode: 'add' })}>
            {addLabel}
          </Button>
        )
      }
    >
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      {failure ? <Alert tone="error">{describeError(failure)}</Alert> : null}
      {editing?.mode === 'add' ? <Form busy={created.loading} {...formProps} /> : null}
      {loading && !data ? <LoadingState label={`Loading ${title.toLowerCase()}…`} /> : null}
      {error && !data ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {data && entries.length === 0 && !editing ? (
        <EmptyState title={`No ${title.toLowerCase()} recorded.`} />
      ) : null}
      {entries.length > 0 ? (
        <ul className="list" aria-label={title}>
          {entries.map((entry) => {
            const name = conceptText(entry.display);
            return editing?.mode === 'edit' && editing.entry.id === entry.id ? (
              <li key={entry.id}>
                <Form initial={entry} busy={updated.loading} {...formProps} />
              </li>
            ) : (
              <li key={entry.id} className="row row--spread">
                <div>
                  <strong>{name}</strong>
                  <div className="muted">{details(entry).filter(Boolean).join(' · ') || 'No details'}</div>
                </div>
                <div className="row">
                  <Button
                    variant="secondary"
                    small
                    aria-label={`Edit ${name}`}
                    onClick={() => setEditing({ mode: 'edit', entry })}
                  >
                    Edit
                  </Button>
                  {confirmingDelete === entry.id ? (
                    <>
                      <Button
                        variant="danger"
                        small
                        aria-label={`Yes, delete ${name}`}
                        onClick={() => void remove(entry)}
                      >
                        Yes, delete
                      </Button>
                      <Button variant="secondary" small onClick={() => setConfirmingDelete(null)}>
                        Keep
                      </Button>
                    </>
                  ) : (
                    <Button
                      variant="danger"
                      small
                      aria-label={`Delete ${name}`}
                      onClick={() => setConfirmingDelete(entry.id)}
                    >
                      Delete
                    </Button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </Card>
  );
}
