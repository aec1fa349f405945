'use client';

import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { dateText } from '@/format/clinical-text';
import { dateTimeText } from '@/format/date-time-text';
import type { ConsentPurpose, ConsentScope } from '@/gql/graphql';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { SelectField } from '@/ui/select-field';
import { TextField } from '@/ui/text-field';
import { GrantConsentDocument, MyConsentsDocument, RevokeConsentDocument } from './consent-operations';
import { PURPOSE_LABELS, partyName, SCOPE_LABELS } from './consent-labels';

const SCOPES = Object.keys(SCOPE_LABELS) as ConsentScope[];
const PURPOSES = Object.keys(PURPOSE_LABELS) as ConsentPurpose[];

/** The end of the chosen expiry day in the browser's time zone, or null for no expiry. */
function expiryOf(day: string): string | null {
  return day ? new Date(`${day}T23:59:59`).toISOString() : null;
}

/** The patient's grants: give a verified user access by their email address, and revoke it. */
export function ConsentManager(): ReactNode {
  const { data, loading, error, refetch } = useQuery(MyConsentsDocument);
  const [grant, granting] = useMutation(GrantConsentDocument);
  const [revoke] = useMutation(RevokeConsentDocument);
  const [email, setEmail] = useState('');
  const [scopes, setScopes] = useState<ConsentScope[]>(['READ_RECORD']);
  const [purpose, setPurpose] = useState<ConsentPurpose>('TREATMENT');
  const [expiry, setExpiry] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [revokingId, setRevokingId] = useState<string | null>(null);

  function toggle(scope: ConsentScope, checked: boolean): void {
    setScopes((current) => (checked ? [...current, scope] : current.filter((item) => item !== scope)));
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setFormError(null);
    setNotice(null);
    try {
      await grant({
        variables: {
          input: { granteeEmail: email.trim(), scope: scopes, purpose, expiresAt: expiryOf(expiry) },
        },
      });
      setNotice(`Access granted to ${email.trim()}.`);
      setEmail('');
      await refetch();
    } catch (caught) {
      setFormError(describeError(errorInfoFromApollo(caught)));
    }
  }

  async function revokeOne(id: string, who: string): Promise<void> {
    setRevokingId(id);
    setNotice(null);
    try {
      await revoke({ variables: { id } });
      setNotice(`Access of ${who} revoked.`);
      await refetch();
    } catch (caught) {
      setFormError(describeError(errorInfoFromApollo(caught)));
    } finally {
      setRevokingId(null);
    }
  }

  const grants = data?.myConsents ?? [];
  return (
    <div className="stack">
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <Card title="Share your record">
        <form className="stack" aria-label="Grant access" onSubmit={(event) => void submit(event)}>
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <TextField
            label="Email address of the person"
            hint="They need a HoloVitals account with a verified email address."
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <fieldset className="field">
            <legend className="field__label">What they may do</legend>
            {SCOPES.map((scope) => (
              <label key={scope} className="row">
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(event) => toggle(scope, event.target.checked)}
                />
                {SCOPE_LABELS[scope]}
              </label>
            ))}
          </fieldset>
          <SelectField
            label="Purpose"
            value={purpose}
            onChange={(event) => setPurpose(event.target.value as ConsentPurpose)}
            options={PURPOSES.map((value) => ({ value, label: PURPOSE_LABELS[value] }))}
          />
          <TextField
            label="Expires on"
            hint="Leave empty to share until you revoke."
            type="date"
            value={expiry}
            onChange={(event) => setExpiry(event.target.value)}
          />
          <div className="row">
            <Button type="submit" busy={granting.loading} disabled={scopes.length === 0}>
              Grant access
            </Button>
          </div>
        </form>
      </Card>
      <Card title="People with access">
        {loading && !data ? <LoadingState label="Loading your grants…" /> : null}
        {error && !data ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
        {data && grants.length === 0 ? <EmptyState title="You have not shared your record." /> : null}
        {grants.length > 0 ? (
          <ul className="list" aria-label="Grants">
            {grants.map((item) => {
              const who = partyName(item.grantee);
              return (
                <li key={item.id} className="row row--spread">
                  <div>
                    <strong>{who}</strong>{' '}
                    <span className="badge">
                      {item.active ? 'Active' : item.revokedAt ? 'Revoked' : 'Expired'}
                    </span>
                    <div className="muted">
                      {item.scopes.map((scope) => SCOPE_LABELS[scope]).join(' · ')} —{' '}
                      {PURPOSE_LABELS[item.purpose]}
                    </div>
                    <div className="muted">
                      Granted {dateTimeText(item.createdAt)}
                      {item.expiresAt ? ` · expires ${dateText(item.expiresAt)}` : ' · no expiry'}
                      {item.revokedAt ? ` · revoked ${dateTimeText(item.revokedAt)}` : ''}
                    </div>
                  </div>
                  {item.active ? (
                    <Button
                      variant="danger"
                      small
                      busy={revokingId === item.id}
                      aria-label={`Revoke access of ${who}`}
                      onClick={() => void revokeOne(item.id, who)}
                    >
                      Revoke
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : null}
      </Card>
    </div>
  );
}
