'use client';

import { useMutation, useQuery } from '@apollo/client/react';
import QRCode from 'qrcode';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { dateTimeText } from '@/format/date-time-text';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { TextField } from '@/ui/text-field';
import {
  ConfirmTotpEnrollmentDocument,
  EnrollTotpDocument,
  MyTotpStatusDocument,
} from './security-operations';

/** The otpauth URI as a QR code, drawn in the browser: the secret never goes to a third-party image service. */
function QrCode({ uri }: { uri: string }): ReactNode {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void QRCode.toDataURL(uri, { margin: 1, width: 220 }).then((url) => {
      if (current) setSrc(url);
    });
    return () => {
      current = false;
    };
  }, [uri]);
  return src ? (
    // A data URL made here: next/image has nothing to optimise.
    <img src={src} width={220} height={220} alt="QR code to scan with your authenticator app" />
  ) : (
    <LoadingState label="Drawing the QR code…" />
  );
}

/** Set up an authenticator app (TOTP): scan, confirm with a first code; sensitive actions then ask for a code. */
export function TotpEnrollment(): ReactNode {
  const { data, loading, error, refetch } = useQuery(MyTotpStatusDocument);
  const [enroll, enrolling] = useMutation(EnrollTotpDocument);
  const [confirm, confirming] = useMutation(ConfirmTotpEnrollmentDocument);
  const [pending, setPending] = useState<{ otpauthUri: string; secret: string } | null>(null);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  async function start(): Promise<void> {
    setProblem(null);
    try {
      const result = await enroll();
      setPending(result.data?.enrollTotp ?? null);
    } catch (caught) {
      setProblem(describeError(errorInfoFromApollo(caught)));
    }
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setProblem(null);
    try {
      await confirm({ variables: { code: code.trim() } });
      setPending(null);
      setCode('');
      await refetch();
    } catch (caught) {
      setProblem(describeError(errorInfoFromApollo(caught)));
    }
  }

  const status = data?.myTotpStatus;
  return (
    <Card title="Authenticator app">
      {loading && !data ? <LoadingState label="Loading your security settings…" /> : null}
      {error && !data ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {status?.enrolled ? (
        <Alert tone="success" title="Set up.">
          Confirmed {status.confirmedAt ? dateTimeText(status.confirmedAt) : ''}. Sensitive actions, such as
          an administrator opening a patient record or exporting someone else’s record, ask for its code.
        </Alert>
      ) : null}
      {status && !status.enrolled && !pending ? (
        <div className="stack">
          <p>
            Add HoloVitals to an authenticator app (Google Authenticator, Microsoft Authenticator,
            1Password…). Sensitive actions then ask for the six-digit code it shows.
          </p>
          <div>
            <Button busy={enrolling.loading} onClick={() => void start()}>
              Set up authenticator app
            </Button>
          </div>
        </div>
      ) : null}
      {pending ? (
        <form
          className="stack"
          onSubmit={(event) => void submit(event)}
          aria-label="Confirm authenticator app"
        >
          <p>Scan this code with your authenticator app, or type the key below into it.</p>
          <QrCode uri={pending.otpauthUri} />
          <p>
            Key (shown only now): <code aria-label="Authenticator key">{pending.secret}</code>
          </p>
          <TextField
            label="Code from the app"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
          <div>
            <Button type="submit" busy={confirming.loading}>
              Confirm
            </Button>
          </div>
        </form>
      ) : null}
    </Card>
  );
}
