'use client';

import { useQuery } from '@apollo/client/react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { dateTimeText } from '@/format/date-time-text';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { SelectField } from '@/ui/select-field';
import { TextField } from '@/ui/text-field';
import { AuditLogSearchDocument } from './admin-operations';

interface Filter {
  actorId?: string;
  patientId?: string;
  action?: string;
  outcome?: string;
}

const OUTCOMES = [
  { value: '', label: 'Any outcome' },
  { value: 'SUCCESS', label: 'Success' },
  { value: 'DENIED', label: 'Denied' },
  { value: 'FAILURE', label: 'Failure' },
];

/** Keeps only the fields the administrator filled in; the API matches every given field. */
function filterFrom(form: FormData): Filter {
  return Object.fromEntries(
    ['actorId', 'patientId', 'action', 'outcome'].flatMap((name) => {
      const value = String(form.get(name) ?? '').trim();
      return value ? [[name, value]] : [];
    }),
  );
}

export function AuditLogSearch(): ReactNode {
  const [filter, setFilter] = useState<Filter>({});
  const [after, setAfter] = useState<string | null>(null);
  const { data, loading, error, refetch } = useQuery(AuditLogSearchDocument, {
    variables: { filter, after },
  });

  function search(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setAfter(null);
    setFilter(filterFrom(new FormData(event.currentTarget)));
  }

  const entries = data?.auditLog.entries ?? [];
  return (
    <div className="stack">
      <Card title="Search">
        <form className="stack" onSubmit={search} aria-label="Audit log search">
          <TextField label="Actor id" name="actorId" />
          <TextField label="Patient id" name="patientId" />
          <TextField label="Action" name="action" hint="e.g. read, update, login, export" />
          <SelectField label="Outcome" name="outcome" options={OUTCOMES} defaultValue="" />
          <Button type="submit">Search</Button>
        </form>
      </Card>
      <Card title="Entries">
        {loading && !data ? <LoadingState label="Searching the audit log…" /> : null}
        {error ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
        {data && entries.length === 0 ? <EmptyState title="No audit entries match." /> : null}
        {entries.length > 0 ? (
          <ul className="list" aria-label="Audit entries">
            {entries.map((entry) => (
              <li key={entry.seq}>
                <strong>
                  #{entry.seq} {entry.action} {entry.entityType} · {entry.outcome}
                </strong>
                <div className="muted">
                  {dateTimeText(entry.occurredAt)} · {entry.actorId ?? 'unknown actor'}
                  {entry.actorRoles.length > 0 ? ` (${entry.actorRoles.join(', ')})` : ''} · {entry.service}
                  {entry.patientIds.length > 0 ? ` · ${entry.patientIds.length} patient(s)` : ''}
                </div>
              </li>
            ))}
          </ul>
        ) : null}
        {data?.auditLog.endCursor ? (
          <Button variant="secondary" onClick={() => setAfter(data.auditLog.endCursor ?? null)}>
            Older entries
          </Button>
        ) : null}
      </Card>
    </div>
  );
}
