'use client';

import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { errorInfoFromApollo } from '@/errors/apollo-error-info';
import { describeError } from '@/errors/error-info';
import { dateTimeText } from '@/format/date-time-text';
import { usePatientScope } from '@/features/record/patient-scope';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { LoadingState } from '@/ui/loading-state';
import { QueryError } from '@/ui/query-error';
import { TextField } from '@/ui/text-field';
import {
  AnalysisSessionDocument,
  AnalysisSessionsDocument,
  AskHealthQuestionDocument,
  RateAnswerDocument,
} from './chat-operations';
import { CitedStatement } from './cited-statement';

const RATINGS = [1, 2, 3, 4, 5];

/** The open session's turns: each question, and its answer statement by statement with links to the records. */
function SessionTurns({ sessionId }: { sessionId: string }): ReactNode {
  const session = useQuery(AnalysisSessionDocument, { variables: { id: sessionId } });
  const [rate] = useMutation(RateAnswerDocument);
  const [error, setError] = useState<string | null>(null);

  async function rateAnswer(interactionId: string, rating: number): Promise<void> {
    setError(null);
    try {
      await rate({ variables: { input: { interactionId, rating } } });
    } catch (caught) {
      setError(describeError(errorInfoFromApollo(caught)));
    }
  }

  if (session.loading && !session.data) return <LoadingState label="Loading the conversation…" />;
  if (session.error && !session.data)
    return <QueryError error={session.error} onRetry={() => void session.refetch()} />;
  const turns = session.data?.analysisSession.interactions ?? [];
  return (
    <ol className="stack" aria-label="Conversation">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {turns.map((turn) =>
        turn.role === 'USER' ? (
          <li key={turn.id} className="card" data-turn="question">
            <strong>You asked:</strong> {turn.text}
          </li>
        ) : (
          <li key={turn.id} className="card stack" data-turn="answer" data-interaction={turn.id}>
            <ul className="stack">
              {turn.statements.map((statement, index) => (
                <CitedStatement key={index} text={statement.text} citations={statement.citations} />
              ))}
            </ul>
            {turn.rejectedCitations > 0 ? (
              <p className="muted">
                {turn.rejectedCitations} source(s) the AI named are not in your record and were left out.
              </p>
            ) : null}
            <div className="row" role="group" aria-label="Rate this answer">
              <span className="muted">How useful was this answer?</span>
              {RATINGS.map((rating) => (
                <Button
                  key={rating}
                  small
                  variant={turn.rating === rating ? 'primary' : 'secondary'}
                  aria-pressed={turn.rating === rating}
                  aria-label={`Rate ${rating} of 5`}
                  onClick={() => void rateAnswer(turn.id, rating)}
                >
                  {rating}
                </Button>
              ))}
            </div>
          </li>
        ),
      )}
    </ol>
  );
}

/**
 * Quick questions about your record, answered by the AI model from your de-identified record with every
 * statement citing the records it rests on; earlier conversations are kept.
 */
export function ChatView(): ReactNode {
  const { patientId } = usePatientScope();
  const sessions = useQuery(AnalysisSessionsDocument);
  const [ask, asking] = useMutation(AskHealthQuestionDocument);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setError(null);
    try {
      const result = await ask({
        variables: { sessionId, patientId: sessionId ? null : patientId, text },
        refetchQueries: sessionId
          ? [{ query: AnalysisSessionDocument, variables: { id: sessionId } }]
          : [{ query: AnalysisSessionsDocument }],
        awaitRefetchQueries: true,
      });
      setSessionId(result.data?.askHealthQuestion.sessionId ?? sessionId);
      setText('');
    } catch (caught) {
      setError(describeError(errorInfoFromApollo(caught)));
    }
  }

  const list = sessions.data?.analysisSessions.nodes ?? [];
  return (
    <div className="stack">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Card title="Your conversations">
        {sessions.loading && !sessions.data ? <LoadingState label="Loading your conversations…" /> : null}
        {sessions.error && !sessions.data ? (
          <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : null}
        {sessions.data && list.length === 0 ? <EmptyState title="No conversations yet." /> : null}
        <ul className="stack" aria-label="Conversations">
          {list.map((session) => (
            <li key={session.id} className="row">
              <Button
                variant={session.id === sessionId ? 'primary' : 'secondary'}
                small
                aria-current={session.id === sessionId ? 'true' : undefined}
                onClick={() => setSessionId(session.id)}
              >
                {session.title}
              </Button>
              <span className="muted">{dateTimeText(session.createdAt)}</span>
            </li>
          ))}
        </ul>
        <Button variant="secondary" small onClick={() => setSessionId(null)}>
          New conversation
        </Button>
      </Card>
      <Card title={sessionId ? 'Conversation' : 'New conversation'}>
        {sessionId ? <SessionTurns sessionId={sessionId} /> : null}
        <form className="stack" onSubmit={(event) => void submit(event)}>
          <TextField
            label="Your question"
            hint="Answered by an AI model from your de-identified record only; every statement links to its records."
            value={text}
            maxLength={2000}
            required
            onChange={(event) => setText(event.target.value)}
          />
          <Button type="submit" busy={asking.loading}>
            Ask
          </Button>
        </form>
      </Card>
    </div>
  );
}
