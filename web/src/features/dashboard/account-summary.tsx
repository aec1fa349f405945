'use client';

import { useMutation } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { dateTimeText } from '@/format/date-time-text';
import type { DashboardAccountQuery } from '@/gql/graphql';
import { ResendVerificationDocument } from '@/features/auth/register-operations';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';

type Account = NonNullable<DashboardAccountQuery['me']>;

export function AccountSummary({ account }: { account: Account }): ReactNode {
  const [resend, resendState] = useMutation(ResendVerificationDocument);
  return (
    <Card title="Your account">
      <dl className="facts">
        <dt>Email</dt>
        <dd>{account.email}</dd>
        <dt>Role</dt>
        <dd>{account.roles.map((role) => role.charAt(0) + role.slice(1).toLowerCase()).join(', ')}</dd>
        <dt>Member since</dt>
        <dd>{dateTimeText(account.createdAt)}</dd>
      </dl>
      {account.emailVerified ? null : (
        <Alert
          tone="warning"
          title="Email not confirmed."
          actions={
            <Button
              variant="secondary"
              small
              busy={resendState.loading}
              onClick={() => void resend({ variables: { email: account.email } }).catch(() => undefined)}
            >
              Send a new confirmation link
            </Button>
          }
        >
          Confirm your address to share your record with others.
        </Alert>
      )}
      {resendState.data ? <Alert tone="info">A new link is on its way to {account.email}.</Alert> : null}
      {resendState.error ? (
        <Alert tone="error">{describeError(errorInfoFromApollo(resendState.error))}</Alert>
      ) : null}
    </Card>
  );
}
