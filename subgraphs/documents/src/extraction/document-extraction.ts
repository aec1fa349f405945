import { type ModelClientOptions, ModelError, ModelErrorCode } from '@holovitals/model-client';
import { jobSystemActor } from '@holovitals/subgraph-kit';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { PageLayout } from '../pipeline/page-layout';
import { proposedRows } from './extraction-rows';
import { type ModelCallDocument, recordModelCall } from './model-call-audit';
import { extractPageWithModel } from './model-extractor';
import { mergedRows, type ProposedRow } from './proposed-row';

export interface ExtractionDeps {
  dataSource: DataSource;
  model: ModelClientOptions | null;
}

export interface ExtractionJob {
  queue: string;
  id: string;
  data: { traceId?: string | null };
  logger: Pick<Logger, 'warn'>;
}

/**
 * Every result of one run: the layout rules on each page and, when a model is configured, the model's reading of
 * the same page merged in (rules win where both found a result). A model answer that stays malformed after its
 * repair, or a model failure on the run's last try, leaves the rules' results alone (logged; the calls are audited
 * as failed); any other model failure is thrown so the queue retries the run.
 */
export async function extractedRows(
  deps: ExtractionDeps,
  job: ExtractionJob,
  document: ModelCallDocument,
  pages: readonly PageLayout[],
  finalTry: boolean,
): Promise<ProposedRow[]> {
  const rules = pages.flatMap((page) => proposedRows(page));
  const { model } = deps;
  if (model === null) return rules;
  const actor = jobSystemActor('documents', {
    queue: job.queue,
    id: job.id,
    traceId: job.data.traceId ?? null,
  });
  const onCall = (call: Parameters<typeof recordModelCall>[3]) =>
    recordModelCall(deps.dataSource, actor, document, call);
  try {
    const read: ProposedRow[] = [];
    for (const page of pages) read.push(...(await extractPageWithModel({ model, onCall }, page)));
    return mergedRows(rules, read);
  } catch (error) {
    const malformed = error instanceof ModelError && error.code === ModelErrorCode.MALFORMED_OUTPUT;
    if (!(error instanceof ModelError) || (!malformed && !finalTry)) throw error;
    job.logger.warn({ err: error, documentId: document.id }, 'model extraction failed: rules only');
    return rules;
  }
}
