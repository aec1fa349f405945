'use client';

import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { dateText } from '@/format/clinical-text';
import type { RightsRequestKind } from '@/gql/graphql';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { SelectField } from '@/ui/select-field';
import { dueText, KIND_LABELS, STATUS_LABELS } from './rights-labels';
import { FileRightsRequestDocument, MyRightsRequestsDocument } from './rights-operations';

const KINDS = Object.keys(KIND_LABELS) as RightsRequestKind[];

/** The patient files a privacy rights request and follows each one to its answer. */
export function MyRightsRequests(): ReactNode {
  const detailsId = useId();
  const { data, loading, error, refetch } = useQuery(MyRightsRequestsDocument);
  const [file, filing] = useMutation(FileRightsRequestDocument);
  const [kind, setKind] = useState<RightsRequestKind>('ACCESS');
  const [details, setDetails] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setFormError(null);
    setNotice(null);
    try {
      const result = await file({ variables: { input: { kind, details } } });
      const due = result.data?.fileRightsRequest.dueAt;
      setNotice(`Request filed. We will answer by ${due ? dateText(due) : 'its due date'}.`);
      setDetails('');
      await refetch();
    } catch (caught) {
      setFormError(describeError(errorInfoFromApollo(caught)));
    }
  }

  const requests = data?.myRightsRequests ?? [];
  return (
    <div className="stack">
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <Card title="File a request">
        <form className="stack" aria-label="File a rights request" onSubmit={(event) => void submit(event)}>
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <SelectField
            label="What you ask for"
            value={kind}
            onChange={(event) => setKind(event.target.value as RightsRequestKind)}
            options={KINDS.map((value) => ({ value, label: KIND_LABELS[value] }))}
          />
          <div className="field">
            <label className="field__label" htmlFor={detailsId}>
              Details
            </label>
            <textarea
              id={detailsId}
              className="field__input"
              required
              maxLength={4000}
              rows={4}
              value={details}
              onChange={(event) => setDetails(event.target.value)}
            />
          </div>
          <div className="row">
            <Button type="submit" busy={filing.loading}>
              File request
            </Button>
          </div>
        </form>
      </Card>
      <Card title="Your requests">
        {loading && !data ? <LoadingState label="Loading your requests…" /> : null}
        {error && !data ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
        {data && requests.length === 0 ? <EmptyState title="You have not filed a request." /> : null}
        {requests.length > 0 ? (
          <ul className="list" aria-label="Rights requests">
            {requests.map((request) => (
              <li key={request.id}>
                <strong>{KIND_LABELS[request.kind]}</strong>{' '}
                <span className="badge">{STATUS_LABELS[request.status]}</span>
                <div className="muted">
                  Filed {dateText(request.filedAt)}
                  {request.status === 'OPEN' || request.status === 'EXTENDED'
                    ? ` · ${dueText(request.dueAt)} (${dateText(request.dueAt)})`
                    : ''}
                </div>
                <p>{request.details}</p>
                {request.extensionReason ? (
                  <p className="muted">Extended by 30 days: {request.extensionReason}</p>
                ) : null}
                {request.resolution ? <p>Answer: {request.resolution}</p> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
    </div>
  );
}
