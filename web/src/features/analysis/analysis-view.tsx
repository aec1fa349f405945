'use client';

import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { dateTimeText } from '@/format/date-time-text';
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
import { CitedStatement } from './cited-statement';

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

/** Request an analysis of your record (with its cost), follow its progress, read its cited result. */
export function AnalysisView(): ReactNode {
  const { patientId } = usePatientScope();
  const [type, setType] = useState<AnalysisTaskType>('CARE_GAPS');
  const [question, setQuestion] = useState('');
  const cost = useQuery(AnalysisCostDocument, { variables: { input: { type, patientId } } });
  // Polled: progress follows the worker without a reload (the subscription serves API clients too).
  const tasks = useQuery(AnalysisTasksDocument, { pollInterval: 1500 });
  const [request, requested] = useMutation(RequestAnalysisDocument);
  const [cancel] = useMutation(CancelAnalysisDocument);
  const [actionError, setActionError] = useState<string | null>(null);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setActionError(null);
    try {
      await request({
        variables: { input: { patientId, type, ...(type === 'QUESTION' ? { question } : {}) } },
      });
      await tasks.refetch();
    } catch (caught) {
      setActionError(describeError(errorInfoFromApollo(caught)));
    }
  }

  async function stop(id: string): Promise<void> {
    setActionError(null);
    try {
      await cancel({ variables: { id } });
      await tasks.refetch();
    } catch (caught) {
      setActionError(describeError(errorInfoFromApollo(caught)));
    }
  }

  const estimate = cost.data?.estimateAnalysisCost;
  const list = tasks.data?.analysisTasks.nodes ?? [];
  const options = estimate?.analyzer === 'MODEL' || type === 'QUESTION' ? [...TYPES, QUESTION_TYPE] : TYPES;
  return (
    <div className="stack">
      {actionError ? <Alert tone="error">{actionError}</Alert> : null}
      <Card title="New analysis">
        <form className="stack" onSubmit={(event) => void submit(event)}>
          <SelectField
            label="What to look at"
            value={type}
            options={options}
            onChange={(event) => setType(event.target.value as AnalysisTaskType)}
          />
          {type === 'QUESTION' ? (
            <TextField
              label="Your question"
              hint="Answered from your record only, with the records it rests on cited."
              value={question}
              maxLength={2000}
              required
              onChange={(event) => setQuestion(event.target.value)}
            />
          ) : null}
          <p className="muted" data-testid="analysis-cost">
            {estimate
              ? `Estimated cost: ${estimate.credits} credits (${estimate.analyzer === 'RULES' ? 'rule-based analyzer, no AI model' : 'AI model'}).`
              : 'Estimating the cost…'}
          </p>
          <Button type="submit" busy={requested.loading}>
            Request analysis
          </Button>
        </form>
      </Card>
      <Card title="Your analyses">
        {tasks.loading && !tasks.data ? <LoadingState label="Loading your analyses…" /> : null}
        {tasks.error && !tasks.data ? (
          <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />
        ) : null}
        {tasks.data && list.length === 0 ? <EmptyState title="No analyses yet." /> : null}
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
