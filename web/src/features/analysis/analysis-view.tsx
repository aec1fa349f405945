'use client';

import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { dateTimeText } from '@/format/date-time-text';
import { creditsText } from '@/format/money-text';
import type { AnalysisTaskType } from '@/gql/graphql';
import { usePatientScope } from '@/features/record/patient-scope';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { SelectField } from '@/ui/select-field';
import { TextField } from '@/ui/text-field';
import {
  AnalysisCostDocument,
  AnalysisTasksDocument,
  CancelAnalysisDocument,
  RequestAnalysisDocument,
} from './analysis-operations';
import { AnalysisTaskLive } from './analysis-task-live';
import { CitedStatement } from './cited-statement';
import {
  type CostEstimate,
  insufficientCreditsText,
  needsApproval,
  type PendingApproval,
  raisedEstimate,
  reapproval,
} from './cost-approval';
import { CostApprovalStep } from './cost-approval-step';

const TYPES: { value: AnalysisTaskType; label: string }[] = [
  { value: 'CARE_GAPS', label: 'Care gaps (screenings, vaccines, results to follow up)' },
  { value: 'SUMMARY', label: 'Summary with health score' },
  { value: 'LAB_TRENDS', label: 'Out-of-range results' },
  { value: 'MEDICATION_REVIEW', label: 'Medications' },
];
/** Only an AI model answers free questions; offered when the server's estimate says a model is configured. */
const QUESTION_TYPE: { value: AnalysisTaskType; label: string } = {
  value: 'QUESTION',
  label: 'A question in your own words (AI model)',
};

const ANALYZER_LABEL: Record<string, string> = {
  RULES: 'Rule-based (no AI model)',
  MODEL: 'AI model (given your de-identified record)',
};

const OPEN = ['QUEUED', 'RUNNING'];
/** Only for tasks whose subscription failed. */
const FALLBACK_POLL_MS = 3_000;

/**
 * Request an analysis of your record (an AI model's estimate approved first), follow each unfinished task live
 * over `analysisTaskUpdated`, read its cited result.
 */
export function AnalysisView(): ReactNode {
  const { patientId } = usePatientScope();
  const [type, setType] = useState<AnalysisTaskType>('CARE_GAPS');
  const [question, setQuestion] = useState('');
  const [approval, setApproval] = useState<PendingApproval | null>(null);
  const cost = useQuery(AnalysisCostDocument, { variables: { input: { type, patientId } } });
  const tasks = useQuery(AnalysisTasksDocument);
  const [request, requested] = useMutation(RequestAnalysisDocument);
  const [cancel] = useMutation(CancelAnalysisDocument);
  const [actionError, setActionError] = useState<string | null>(null);
  const [lost, setLost] = useState<ReadonlySet<string>>(new Set());
  const onLost = useCallback((taskId: string) => setLost((previous) => new Set(previous).add(taskId)), []);

  const estimate = cost.data?.estimateAnalysisCost;
  const list = tasks.data?.analysisTasks.nodes ?? [];
  const open = list.filter((task) => OPEN.includes(task.status));
  const polling = open.some((task) => lost.has(task.id));
  const { startPolling, stopPolling } = tasks;
  useEffect(() => {
    if (!polling) return;
    startPolling(FALLBACK_POLL_MS);
    return () => stopPolling();
  }, [polling, startPolling, stopPolling]);

  function choose(next: AnalysisTaskType): void {
    setType(next);
    setApproval(null);
  }

  async function send(approved: CostEstimate): Promise<void> {
    setActionError(null);
    try {
      await request({
        // The server refuses the task if it is now estimated above what the person approved.
        variables: {
          input: {
            patientId,
            type,
            maxCredits: approved.credits,
            ...(type === 'QUESTION' ? { question } : {}),
          },
        },
        // The new task joins the list on screen without a list read; its subscription starts at once.
        update: (cache, { data }) => {
          const created = data?.requestAnalysis;
          if (!created) return;
          cache.updateQuery({ query: AnalysisTasksDocument }, (current) =>
            current && !current.analysisTasks.nodes.some((task) => task.id === created.id)
              ? {
                  ...current,
                  analysisTasks: {
                    ...current.analysisTasks,
                    nodes: [created, ...current.analysisTasks.nodes],
                  },
                }
              : current,
          );
        },
      });
      setApproval(null);
    } catch (caught) {
      const refusedAt = raisedEstimate(caught);
      if (refusedAt === null) {
        setApproval(null);
        setActionError(insufficientCreditsText(caught) ?? describeError(errorInfoFromApollo(caught)));
        return;
      }
      const fresh = await cost.refetch().catch(() => null);
      if (fresh?.data) setApproval(reapproval(approved.credits, refusedAt, fresh.data.estimateAnalysisCost));
      else {
        setApproval(null);
        setActionError(
          'The estimate went up since you approved it, and the new one could not be read. Try again.',
        );
      }
    }
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (!estimate) return;
    if (needsApproval(estimate)) setApproval({ estimate: { ...estimate }, raisedFrom: null });
    else void send(estimate);
  }

  async function stop(id: string): Promise<void> {
    setActionError(null);
    try {
      // The answer's status lands on the cached task, which ends its subscription.
      await cancel({ variables: { id } });
    } catch (caught) {
      setActionError(describeError(errorInfoFromApollo(caught)));
    }
  }

  const options = estimate?.analyzer === 'MODEL' || type === 'QUESTION' ? [...TYPES, QUESTION_TYPE] : TYPES;
  return (
    <div className="stack">
      {actionError ? <Alert tone="error">{actionError}</Alert> : null}
      <Card title="New analysis">
        <form className="stack" onSubmit={submit}>
          <SelectField
            label="What to look at"
            value={type}
            options={options}
            onChange={(event) => choose(event.target.value as AnalysisTaskType)}
          />
          {type === 'QUESTION' ? (
            <TextField
              label="Your question"
              hint="Answered from your record only, with the records it rests on cited."
              value={question}
              maxLength={2000}
              required
              onChange={(event) => {
                setQuestion(event.target.value);
                setApproval(null);
              }}
            />
          ) : null}
          <p className="muted" data-testid="analysis-cost">
            {estimate
              ? `Estimated cost: ${creditsText(estimate.credits)} (${estimate.analyzer === 'RULES' ? 'rule-based analyzer, no AI model' : 'AI model'}).`
              : 'Estimating the cost…'}
          </p>
          {cost.error && !estimate ? (
            <QueryError error={cost.error} onRetry={() => void cost.refetch()} />
          ) : null}
          {approval ? (
            <CostApprovalStep
              approval={approval}
              busy={requested.loading}
              onApprove={() => void send(approval.estimate)}
              onBack={() => setApproval(null)}
            />
          ) : (
            <Button type="submit" busy={requested.loading} disabled={!estimate}>
              Request analysis
            </Button>
          )}
        </form>
      </Card>
      <Card title="Your analyses">
        {tasks.loading && !tasks.data ? <LoadingState label="Loading your analyses…" /> : null}
        {tasks.error && !tasks.data ? (
          <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />
        ) : null}
        {tasks.data && list.length === 0 ? <EmptyState title="No analyses yet." /> : null}
        {open.map((task) => (
          <AnalysisTaskLive key={task.id} taskId={task.id} onLost={onLost} />
        ))}
        <ol className="stack">
          {list.map((task) => (
            <li key={task.id} className="card" data-task={task.id} data-status={task.status}>
              <div className="card__header">
                <h3 className="card__title">
                  {[...TYPES, QUESTION_TYPE].find((option) => option.value === task.type)?.label ?? task.type}
                </h3>
                <span className="badge">{task.status}</span>
              </div>
              {task.question ? <p>“{task.question}”</p> : null}
              <p className="muted">Requested {dateTimeText(task.createdAt)}</p>
              {OPEN.includes(task.status) ? (
                <>
                  <progress max={100} value={task.progress} aria-label="Progress">
                    {task.progress}%
                  </progress>
                  <Button variant="secondary" small onClick={() => void stop(task.id)}>
                    Cancel
                  </Button>
                </>
              ) : null}
              {task.failureReason && task.status !== 'SUCCEEDED' ? (
                <Alert tone="error">{task.failureReason}</Alert>
              ) : null}
              {task.result ? (
                <div className="stack">
                  <p>
                    <span className="badge" data-testid="analyzer-label">
                      {ANALYZER_LABEL[task.result.analyzer] ?? task.result.analyzer}
                    </span>
                  </p>
                  {task.result.sections.map((section, sectionIndex) => (
                    <section
                      key={`${section.kind}-${sectionIndex}`}
                      className="stack"
                      aria-label={section.title}
                    >
                      <h4>{section.title}</h4>
                      <ul className="stack">
                        {section.statements.map((statement, index) => (
                          <CitedStatement key={index} text={statement.text} citations={statement.citations} />
                        ))}
                      </ul>
                    </section>
                  ))}
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
