'use client';

import { useMutation, useQuery } from '@apollo/client/react';
import { type ReactNode, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { dateText } from '@/format/clinical-text';
import type { RightsRequestStatus } from '@/gql/graphql';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { SelectField } from '@/ui/select-field';
import { TextField } from '@/ui/text-field';
import { dueText, KIND_LABELS, STATUS_LABELS } from './rights-labels';
import {
  CompleteRightsRequestDocument,
  DenyRightsRequestDocument,
  ExtendRightsRequestDocument,
  RightsRequestQueueDocument,
} from './rights-operations';

const PAGE_SIZE = 25;
type Action = 'extend' | 'complete' | 'deny';
const ACTION_LABELS: Record<Action, string> = {
  extend: 'Extend 30 days',
  complete: 'Complete',
  deny: 'Deny',
};

/** ADMIN's work queue of rights requests, soonest due first: extend once, complete or deny with a written reason. */
export function RightsRequestQueue(): ReactNode {
  const [status, setStatus] = useState<RightsRequestStatus | ''>('OPEN');
  const { data, loading, error, refetch, fetchMore } = useQuery(RightsRequestQueueDocument, {
    variables: { status: status || null, first: PAGE_SIZE },
  });
  const [extend] = useMutation(ExtendRightsRequestDocument);
  const [complete] = useMutation(CompleteRightsRequestDocument);
  const [deny] = useMutation(DenyRightsRequestDocument);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  async function act(id: string, action: Action): Promise<void> {
    const text = texts[id] ?? '';
    setBusy(`${id}:${action}`);
    setActionError(null);
    try {
      if (action === 'extend') await extend({ variables: { id, reason: text } });
      if (action === 'complete') await complete({ variables: { id, resolution: text } });
      if (action === 'deny') await deny({ variables: { id, reason: text } });
      setTexts((current) => ({ ...current, [id]: '' }));
      await refetch();
    } catch (caught) {
      setActionError(describeError(errorInfoFromApollo(caught)));
    } finally {
      setBusy(null);
    }
  }

  async function more(): Promise<void> {
    await fetchMore({
      variables: { after: data?.rightsRequests.endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        rightsRequests: {
          ...fetchMoreResult.rightsRequests,
          nodes: [...previous.rightsRequests.nodes, ...fetchMoreResult.rightsRequests.nodes],
        },
      }),
    });
  }

  const requests = data?.rightsRequests.nodes ?? [];
  return (
    <div className="stack">
      {actionError ? <Alert tone="error">{actionError}</Alert> : null}
      <SelectField
        label="Status"
        value={status}
        onChange={(event) => setStatus(event.target.value as RightsRequestStatus | '')}
        options={[
          { value: '', label: 'All' },
          ...(Object.keys(STATUS_LABELS) as RightsRequestStatus[]).map((value) => ({
            value,
            label: STATUS_LABELS[value],
          })),
        ]}
      />
      <Card title="Requests, soonest due first">
        {loading && !data ? <LoadingState label="Loading requests…" /> : null}
        {error && !data ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
        {data && requests.length === 0 ? <EmptyState title="No requests in this status." /> : null}
        {requests.length > 0 ? (
          <ul className="list" aria-label="Rights requests to work">
            {requests.map((request) => {
              const open = request.status === 'OPEN' || request.status === 'EXTENDED';
              return (
                <li key={request.id} className="stack">
                  <div>
                    <strong>{KIND_LABELS[request.kind]}</strong>{' '}
                    <span className="badge">{STATUS_LABELS[request.status]}</span>
                    <div className="muted">
                      Filed {dateText(request.filedAt)} by {request.requesterUserId}
                      {open ? ` · ${dueText(request.dueAt)} (${dateText(request.dueAt)})` : ''}
                    </div>
                    <p>{request.details}</p>
                    {request.extensionReason ? (
                      <p className="muted">Extension: {request.extensionReason}</p>
                    ) : null}
                    {request.resolution ? <p>Answer: {request.resolution}</p> : null}
                  </div>
                  {open ? (
                    <div className="stack">
                      <TextField
                        label="Reason or resolution (told to the patient)"
                        value={texts[request.id] ?? ''}
                        onChange={(event) =>
                          setTexts((current) => ({ ...current, [request.id]: event.target.value }))
                        }
                      />
                      <div className="row">
                        {(['complete', 'deny', 'extend'] as Action[])
                          .filter((action) => action !== 'extend' || request.extendedAt === null)
                          .map((action) => (
                            <Button
                              key={action}
                              small
                              variant={
                                action === 'complete' ? 'primary' : action === 'deny' ? 'danger' : 'secondary'
                              }
                              busy={busy === `${request.id}:${action}`}
                              onClick={() => void act(request.id, action)}
                            >
                              {ACTION_LABELS[action]}
                            </Button>
                          ))}
                      </div>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : null}
        {data?.rightsRequests.endCursor ? (
          <Button variant="secondary" onClick={() => void more()}>
            More requests
          </Button>
        ) : null}
      </Card>
    </div>
  );
}
