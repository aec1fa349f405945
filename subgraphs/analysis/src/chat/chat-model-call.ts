import { Pseudonymizer, sanitizePrompt } from '@holovitals/deidentify';
import {
  type ModelCallRecord,
  ModelClient,
  type ModelClientOptions,
  ModelError,
} from '@holovitals/model-client';
import type { AuditActor } from '@holovitals/subgraph-kit';
import type { DataSource } from 'typeorm';
import { AnalysisError, AnalysisErrorCode } from '../analysis-error';
import type { AnalysisStatement } from '../analyzers/analyzer';
import { mapModelAnswer, type ModelAnswer, modelAnswerSchema } from '../analyzers/model-answer';
import { recordModelCall } from '../analyzers/model-call-audit';
import { citableRecords, promptRequest } from '../analyzers/model-prompt';
import { AnalysisTaskType } from '../entities/analysis-enums';
import type { PromptTemplateEntity } from '../entities/prompt-template.entity';
import { renderPrompt } from '../prompts/prompt-rendering';
import type { PatientRecord } from '../record/patient-record';

export interface ChatAnswer {
  statements: AnalysisStatement[];
  rejectedCitations: number;
  calls: ModelCallRecord[];
  /** Whether the structured answer was usable (valid and citing the record): what the template is scored on. */
  valid: boolean;
}

/** What one chat call is made for: the answer's id (the audit's and billing's task id), the patient and the payer. */
export interface ChatCallFor {
  interactionId: string;
  patientId: string;
  ownerUserId: string;
}

/**
 * One chat answer from the model, the same path as the model analyzer: every record kind as a de-identified
 * data block (the question in the user position, outside it), one pseudonymizer for the call and mapped back
 * here only, citations checked against the ids sent, every call audited and its cost emitted whatever happens.
 * A model failure or an answer citing nothing in the record is MODEL_FAILED; nothing else is stored for it.
 */
export async function askModel(
  deps: { dataSource: DataSource; model: ModelClientOptions },
  actor: AuditActor,
  call: ChatCallFor,
  template: PromptTemplateEntity,
  record: PatientRecord,
  question: string,
): Promise<ChatAnswer> {
  const pseudonymizer = new Pseudonymizer();
  const request = promptRequest(
    record,
    AnalysisTaskType.QUESTION,
    new Date(),
    renderPrompt(template.text, { question }),
  );
  const prompt = sanitizePrompt(request, pseudonymizer);
  const sentRecordIds = request.records.map((item) => item.id);
  const calls: ModelCallRecord[] = [];
  const client = new ModelClient(deps.model, {
    onCall: async (made) => {
      calls.push(made);
      await recordModelCall(
        deps.dataSource,
        actor,
        { kind: 'CHAT', id: call.interactionId, patientId: call.patientId, ownerUserId: call.ownerUserId },
        sentRecordIds,
        made,
      );
    },
  });
  let answer: ModelAnswer;
  try {
    answer = (await client.completeJson(modelAnswerSchema, prompt, { name: 'chat_answer' })).value;
  } catch (err) {
    if (!(err instanceof ModelError)) throw err;
    throw new AnalysisError(
      AnalysisErrorCode.MODEL_FAILED,
      `The model did not answer (${err.code}); try again.`,
      {
        modelError: err.code,
      },
    );
  }
  const mapped = mapModelAnswer(
    answer,
    AnalysisTaskType.QUESTION,
    citableRecords(request.records),
    pseudonymizer,
  );
  return {
    statements: mapped.sections.flatMap((section) => section.statements),
    rejectedCitations: mapped.rejectedCitations.length,
    calls,
    valid: mapped.sections.length > 0,
  };
}
