'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { creditsText } from '@/format/money-text';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import type { PendingApproval } from './cost-approval';

interface CostApprovalStepProps {
  approval: PendingApproval;
  busy: boolean;
  onApprove: () => void;
  onBack: () => void;
}

/** The estimate of one request and what it covers, approved (or not) before anything is queued. */
export function CostApprovalStep({ approval, busy, onApprove, onBack }: CostApprovalStepProps): ReactNode {
  const { estimate, raisedFrom } = approval;
  const byModel = estimate.analyzer === 'MODEL';
  return (
    <div className="stack" role="group" aria-label="Approve the cost" data-testid="cost-approval">
      {raisedFrom !== null ? (
        <Alert tone="warning" title="The estimate went up.">
          You approved {creditsText(raisedFrom)}, but your record or the model’s prices changed since: this
          analysis is now estimated at {creditsText(estimate.credits)}. Nothing was requested.
        </Alert>
      ) : null}
      <Alert tone="info" title={`Estimated cost: ${creditsText(estimate.credits)}.`}>
        <span data-testid="approval-basis">{estimate.basis}</span>
        {byModel
          ? ' An AI model is sent your record with names, dates, places and other identifiers removed.'
          : null}{' '}
        If the estimate is higher by the time your request arrives, nothing is requested and you are asked
        again. It is paid from your plan’s credit: see what is left on <Link href="/billing">Billing</Link>.
      </Alert>
      <div className="row">
        <Button busy={busy} onClick={onApprove}>
          Approve and request
        </Button>
        <Button variant="secondary" disabled={busy} onClick={onBack}>
          Back
        </Button>
      </div>
    </div>
  );
}
