import { Pseudonymizer, sanitizePrompt } from '@holovitals/deidentify';
import { creditsForDollars } from '@holovitals/events';
import {
  type ModelCallRecord,
  ModelClient,
  type ModelClientOptions,
  ModelError,
  ModelErrorCode,
} from '@holovitals/model-client';
import type { DataSource } from 'typeorm';
import { type AnalysisTaskType, AnalyzerKind } from '../entities/analysis-enums';
import {
  type AnalysisContext,
  type AnalysisOutcome,
  type AnalysisSection,
  AnalysisSectionKind,
  type AnalysisTaskInput,
  type Analyzer,
} from './analyzer';
import { ANALYSIS_PROMPT_CATEGORY } from '../prompts/prompt-category';
import { storePromptPerformance } from '../prompts/prompt-performance';
import { renderPrompt } from '../prompts/prompt-rendering';
import { type SelectionPolicy, selectTemplate } from '../prompts/prompt-selection';
import { mapModelAnswer, type ModelAnswer, modelAnswerSchema } from './model-answer';
import { recordModelCall } from './model-call-audit';
import { citableRecords, omittedRecords, promptRequest } from './model-prompt';
import { chunkRecordRows } from './record-chunks';

export interface ModelAnalyzerDeps {
  /** Where each call's audit entry and cost event are written (the analysis database's outbox). */
  dataSource: DataSource;
  model: ModelClientOptions;
  /** Most record tokens one call may carry; a larger record is analysed in chunks and the answers merged. */
  chunkTokens: number;
  /** How the prompt version for each call is chosen among the category's active templates. */
  prompts: SelectionPolicy;
}

/** The model gave nothing usable: every statement cited ids outside the record. Retried like a model error. */
export class UncitedAnswerError extends Error {
  override readonly name = 'UncitedAnswerError';
}

const MODEL_NOTE =
  'Produced by an AI language model from your de-identified record (names, dates and other identifiers were replaced before it was sent). Check anything important with your clinician.';

/**
 * Analysis by a language model through @holovitals/model-client: the record snapshot goes out as a
 * de-identified data block (ids kept so citations resolve), the answer must match a schema of cited
 * statements, identifiers are mapped back inside the service, and citations to ids the record does not
 * hold are rejected. Every call is audited and its cost emitted, including failed calls. Model errors
 * (timeout, malformed output after one repair, rate limit…) propagate, so the queue retries or
 * dead-letters the try with the error as its reason; nothing is stored for a failed try.
 */
export class ModelAnalyzer implements Analyzer {
  readonly kind = AnalyzerKind.MODEL;

  constructor(private readonly deps: ModelAnalyzerDeps) {}

  supports(_type: AnalysisTaskType): boolean {
    return true;
  }

  async analyze(context: AnalysisContext, task: AnalysisTaskInput): Promise<AnalysisOutcome> {
    const { record, asOf, signal, actor } = context;
    await context.checkpoint(20);
    const category = ANALYSIS_PROMPT_CATEGORY[task.type];
    const template = await selectTemplate(this.deps.dataSource, category, this.deps.prompts);
    if (!template) throw new Error(`No active prompt template for ${category}`);
    const pseudonymizer = new Pseudonymizer();
    const rendered = renderPrompt(template.text, task.question === null ? {} : { question: task.question });
    const request = promptRequest(record, task.type, asOf, rendered);
    const { chunks, truncated } = chunkRecordRows(request.records, this.deps.chunkTokens);
    await context.checkpoint(35);

    const calls: ModelCallRecord[] = [];
    const sections: AnalysisSection[] = [];
    const rejectedCitations = new Set<string>();
    let droppedStatements = 0;
    for (const [index, chunk] of chunks.entries()) {
      // One pseudonymizer for every chunk: the same person gets the same surrogate in each call.
      const prompt = sanitizePrompt({ ...request, records: chunk.rows }, pseudonymizer);
      const sentRecordIds = chunk.rows.map((item) => item.id);
      const chunkCalls: ModelCallRecord[] = [];
      const client = new ModelClient(this.deps.model, {
        onCall: async (call) => {
          calls.push(call);
          chunkCalls.push(call);
          await recordModelCall(
            this.deps.dataSource,
            actor,
            { kind: 'ANALYSIS', ...task },
            sentRecordIds,
            call,
          );
        },
      });
      const measured = (valid: boolean): Promise<unknown> =>
        storePromptPerformance(this.deps.dataSource.manager, {
          templateId: template.id,
          taskId: task.id,
          calls: chunkCalls,
          valid,
        });
      let value: ModelAnswer;
      try {
        ({ value } = await client.completeJson(modelAnswerSchema, prompt, {
          name: 'analysis_result',
          signal,
        }));
      } catch (err) {
        // Only an answer that never fit the schema says something about the prompt; a timeout does not.
        if (err instanceof ModelError && err.code === ModelErrorCode.MALFORMED_OUTPUT) await measured(false);
        throw err;
      }
      const chunkAnswer = mapModelAnswer(value, task.type, citableRecords(chunk.rows), pseudonymizer);
      await measured(chunkAnswer.sections.length > 0);
      mergeSections(sections, chunkAnswer.sections);
      for (const id of chunkAnswer.rejectedCitations) rejectedCitations.add(id);
      droppedStatements += chunkAnswer.droppedStatements;
      await context.checkpoint(35 + Math.floor((45 * (index + 1)) / chunks.length));
    }

    const mapped = { sections, rejectedCitations: [...rejectedCitations], droppedStatements };
    if (mapped.sections.length === 0) {
      throw new UncitedAnswerError(
        `The model's answer cited no record of this patient (${mapped.rejectedCitations.length} unknown ids rejected).`,
      );
    }
    const notes = [MODEL_NOTE];
    if (chunks.length > 1) {
      notes.push(
        `The record was too large for one request: it was analysed in ${chunks.length} parts (by section and date, at most ${this.deps.chunkTokens} tokens of records each) and the cited findings merged.`,
      );
    }
    for (const cut of truncated) {
      notes.push(
        `One record (${cut.id}) was too long to send whole; its last ${cut.omittedCharacters} characters were left out.`,
      );
    }
    for (const left of omittedRecords(record, task.type)) {
      notes.push(
        `Only the newest ${left.sent} of ${left.total} ${left.kind.toLowerCase()} records were sent to the model; older ones were not considered.`,
      );
    }
    if (mapped.rejectedCitations.length > 0) {
      notes.push(
        `${mapped.rejectedCitations.length} citation(s) to records not in this record were rejected` +
          (mapped.droppedStatements > 0
            ? `, and ${mapped.droppedStatements} statement(s) left without a source were left out.`
            : '.'),
      );
    }
    return {
      analyzer: AnalyzerKind.MODEL,
      sections: [
        ...mapped.sections,
        {
          kind: AnalysisSectionKind.LIMITATIONS,
          title: 'About this analysis',
          statements: notes.map((text) => ({ text, citations: [] })),
        },
      ],
      healthScore: null,
      actualCost: calls.reduce((sum, call) => sum + creditsForDollars(call.costUsd), 0),
    };
  }
}

/** Adds each chunk's sections to the result: a title already present gets the new statements appended. */
function mergeSections(into: AnalysisSection[], more: readonly AnalysisSection[]): void {
  for (const section of more) {
    const same = into.find((existing) => existing.kind === section.kind && existing.title === section.title);
    if (same) same.statements.push(...section.statements);
    else into.push({ ...section, statements: [...section.statements] });
  }
}
