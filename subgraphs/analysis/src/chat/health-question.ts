import type { ModelClientOptions } from '@holovitals/model-client';
import { creditsForDollars } from '@holovitals/events';
import { childTraceparent, type Principal, recordAudit, type RequestContext } from '@holovitals/subgraph-kit';
import { randomUUID } from 'node:crypto';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';
import type { AnalysisServices } from '../analysis-services';
import { AIInteractionEntity, InteractionRole } from '../entities/ai-interaction.entity';
import { AnalysisSessionEntity } from '../entities/analysis-session.entity';
import { PromptCategory } from '../prompts/prompt-category';
import { storePromptPerformance } from '../prompts/prompt-performance';
import { selectTemplate } from '../prompts/prompt-selection';
import { fetchPatientRecord } from '../record/record-fetch';
import { askModel, type ChatAnswer } from './chat-model-call';
import { visibleSession } from './session-access';

/** Longest question accepted: a question, not a document (documents go through the documents subgraph). */
export const MAX_QUESTION_CHARS = 2_000;
const TITLE_CHARS = 80;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface HealthQuestion {
  sessionId: string | null;
  /** The patient a new session is about; with a session, it must be the session's patient if given. */
  patientId: string | null;
  text: string;
}

function checkedText(text: string): string {
  const question = text.trim();
  if (question.length === 0) {
    throw new AnalysisError(AnalysisErrorCode.BAD_USER_INPUT, 'Ask a question.', { field: 'text' });
  }
  if (question.length > MAX_QUESTION_CHARS) {
    throw new AnalysisError(
      AnalysisErrorCode.BAD_USER_INPUT,
      `A question is at most ${MAX_QUESTION_CHARS} characters.`,
      { field: 'text', limit: MAX_QUESTION_CHARS },
    );
  }
  return question;
}

async function targetPatient(
  ctx: RequestContext<AnalysisServices>,
  principal: Principal,
  question: HealthQuestion,
): Promise<{ session: AnalysisSessionEntity | null; patientId: string }> {
  if (question.sessionId !== null) {
    const session = await visibleSession(ctx.dataSource, principal, question.sessionId, 'ask');
    if (question.patientId !== null && question.patientId !== session.patientId) {
      throw new AnalysisError(AnalysisErrorCode.BAD_USER_INPUT, 'The session is about another patient.', {
        field: 'patientId',
      });
    }
    return { session, patientId: session.patientId };
  }
  if (question.patientId === null || !UUID.test(question.patientId)) {
    throw new AnalysisError(AnalysisErrorCode.BAD_USER_INPUT, 'A new session needs the patient’s id.', {
      field: 'patientId',
    });
  }
  return { session: null, patientId: question.patientId };
}

/**
 * Answers a question from the patient's record: checks the input and the session, reads the record with the
 * caller's own token (patient applies owner / consent / ADMIN and audits), asks the model, then stores the
 * session (if new), the question, the cited answer and the template's measures with one audit entry in one
 * transaction. Without a model it refuses (CHAT_NEEDS_MODEL) before reading anything.
 */
export async function askHealthQuestion(
  ctx: RequestContext<AnalysisServices>,
  principal: Principal,
  question: HealthQuestion,
): Promise<AIInteractionEntity> {
  const text = checkedText(question.text);
  const model: ModelClientOptions | null = ctx.services.chat.model;
  if (!model) {
    throw new AnalysisError(
      AnalysisErrorCode.CHAT_NEEDS_MODEL,
      'The chat needs an AI model, and none is configured here. Request a rule-based analysis instead.',
    );
  }
  const { session, patientId } = await targetPatient(ctx, principal, question);
  if (!ctx.accessToken)
    throw new AnalysisError(AnalysisErrorCode.FORBIDDEN, 'Sign in to ask about a record.');
  const record = await fetchPatientRecord(
    ctx.services.recordSource,
    { accessToken: ctx.accessToken, traceparent: childTraceparent(ctx.traceId) },
    patientId,
  );
  const template = await selectTemplate(
    ctx.dataSource,
    PromptCategory.CHAT_ANSWER,
    ctx.services.chat.prompts,
  );
  if (!template) throw new Error('No active prompt template for CHAT_ANSWER');
  const interactionId = randomUUID();
  const answer = await askModel(
    { dataSource: ctx.dataSource, model },
    ctx,
    { interactionId, patientId, ownerUserId: principal.id },
    template,
    record,
    text,
  );
  if (!answer.valid) {
    await storePromptPerformance(ctx.dataSource.manager, {
      templateId: template.id,
      calls: answer.calls,
      valid: false,
    });
    throw new AnalysisError(
      AnalysisErrorCode.MODEL_FAILED,
      `The model's answer cited nothing in this record (${answer.rejectedCitations} unknown ids rejected); try again.`,
    );
  }
  return storeTurn(ctx, principal, { session, patientId, text, interactionId, template, answer });
}

interface Turn {
  session: AnalysisSessionEntity | null;
  patientId: string;
  text: string;
  interactionId: string;
  template: { id: string; version: number };
  answer: ChatAnswer;
}

async function storeTurn(
  ctx: RequestContext<AnalysisServices>,
  principal: Principal,
  turn: Turn,
): Promise<AIInteractionEntity> {
  const { answer } = turn;
  const last = answer.calls.at(-1);
  return ctx.dataSource.transaction(async (manager) => {
    const session =
      turn.session ??
      (await manager.getRepository(AnalysisSessionEntity).save({
        ownerUserId: principal.id,
        patientId: turn.patientId,
        title: turn.text.length > TITLE_CHARS ? `${turn.text.slice(0, TITLE_CHARS - 1)}…` : turn.text,
      }));
    const interactions = manager.getRepository(AIInteractionEntity);
    const asked = await interactions.save({
      sessionId: session.id,
      role: InteractionRole.USER,
      text: turn.text,
      statements: [],
    });
    const answered = await interactions.save({
      id: turn.interactionId,
      sessionId: session.id,
      role: InteractionRole.ASSISTANT,
      text: answer.statements.map((statement) => statement.text).join(' '),
      statements: answer.statements,
      rejectedCitations: answer.rejectedCitations,
      inputTokens: answer.calls.reduce((sum, call) => sum + call.inputTokens, 0),
      outputTokens: answer.calls.reduce((sum, call) => sum + call.outputTokens, 0),
      latencyMs: Math.round(answer.calls.reduce((sum, call) => sum + call.latencyMs, 0)),
      costCents: answer.calls.reduce((sum, call) => sum + creditsForDollars(call.costUsd), 0),
      model: last?.model ?? null,
      promptTemplateId: turn.template.id,
      promptVersion: turn.template.version,
      rating: null,
    });
    await storePromptPerformance(manager, {
      templateId: turn.template.id,
      interactionId: answered.id,
      calls: answer.calls,
      valid: true,
    });
    await recordAudit(manager, ctx, {
      action: 'create',
      entityType: 'AIInteraction',
      entityIds: [session.id, asked.id, answered.id],
      patientIds: [turn.patientId],
      outcome: 'SUCCESS',
    });
    return answered;
  });
}
