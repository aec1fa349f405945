import { type RecordingProxy, startRecordingProxy } from '@holovitals/testing';
import { loadModelServerConfig, type RunningModelServer, startModelServer } from '@holovitals/model-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AnalysisPriority,
  AnalysisTaskStatus,
  AnalysisTaskType,
  AnalyzerKind,
} from '../src/entities/analysis-enums';
import { AnalysisResultEntity } from '../src/entities/analysis-result.entity';
import type { PatientRecord } from '../src/record/patient-record';
import {
  type AnalysisHarness,
  eventually,
  newUser,
  PATIENT_ID,
  RECORD,
  startAnalysisHarness,
} from './support/analysis-harness';

const KEY = 'analysis-chunking-test-key';
const CHUNK_TOKENS = 1_200;

/** A synthetic record far larger than one chunk: 120 lab results, 40 immunizations, one enormous condition note. */
const LARGE_RECORD: PatientRecord = {
  ...RECORD,
  observations: Array.from({ length: 120 }, (_, i) => ({
    id: `obs-${i}`,
    codeSystem: 'http://loinc.org',
    code: '2345-7',
    display: 'Glucose [Mass/volume] in Serum or Plasma',
    category: 'laboratory',
    value: 90 + (i % 40),
    unit: 'mg/dL',
    referenceLow: 70,
    referenceHigh: 99,
    effectiveAt: new Date(Date.UTC(2016, 0, 1 + i * 14)).toISOString(),
    components: [],
  })),
  immunizations: Array.from({ length: 40 }, (_, i) => ({
    id: `imm-${i}`,
    code: '140',
    display: 'Influenza, seasonal, injectable, preservative free',
    status: 'completed',
    occurrenceAt: new Date(Date.UTC(1986 + i, 9, 1)).toISOString(),
  })),
  conditions: [
    {
      id: 'cond-long',
      code: '44054006',
      display: `Diabetes mellitus type 2 ${'with a long free-text history of glucose readings and diet changes '.repeat(120)}`,
      clinicalStatus: 'active',
      onsetAt: '2015-04-11T09:30:00.000Z',
    },
  ],
};
const IDS = new Set([
  PATIENT_ID,
  'cond-long',
  'proc-colo',
  ...LARGE_RECORD.observations.map((item) => item.id),
  ...LARGE_RECORD.immunizations.map((item) => item.id),
]);

interface SentBody {
  messages: Array<{ role: string; content: string }>;
}

describe('oversize records are chunked for the model (local OpenAI-protocol server)', () => {
  let server: RunningModelServer;
  let proxy: RecordingProxy;
  let h: AnalysisHarness;

  beforeAll(async () => {
    server = await startModelServer(loadModelServerConfig({ PORT: '0', MODEL_SERVER_API_KEY: KEY }));
    proxy = await startRecordingProxy(server.baseURL);
    h = await startAnalysisHarness({
      MODEL_BASE_URL: proxy.baseURL,
      MODEL_API_KEY: KEY,
      MODEL_MAX_RETRIES: '0',
      ANALYSIS_CHUNK_TOKENS: String(CHUNK_TOKENS),
    });
    await h.startWorker();
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    await proxy?.stop();
    await server?.stop();
  });

  it('analyses each chunk within the budget and merges the answers with every citation intact', async () => {
    const started = Date.now();
    const task = await h.queueTask(newUser(), AnalysisPriority.NORMAL, AnalysisTaskType.SUMMARY, {
      analyzer: AnalyzerKind.MODEL,
      record: LARGE_RECORD,
    });
    const done = await eventually(
      () => h.task(task.id),
      (row) =>
        [AnalysisTaskStatus.SUCCEEDED, AnalysisTaskStatus.FAILED, AnalysisTaskStatus.DEAD_LETTERED].includes(
          row.status,
        ),
      90_000,
    );
    expect(done.failureReason).toBeNull();
    expect(done.status).toBe(AnalysisTaskStatus.SUCCEEDED);

    const bodies = proxy.bodies.map((body) => JSON.parse(body) as SentBody);
    process.stdout.write(`chunked SUMMARY: ${bodies.length} model calls in ${Date.now() - started} ms\n`);
    expect(bodies.length).toBeGreaterThan(3);
    const sentIds = new Set<string>();
    const firstOfEachChunk: string[] = [];
    for (const body of bodies) {
      // The data block only: the system message shows the record format with a placeholder id.
      const all = body.messages.map((message) => message.content).join('\n');
      const data = all.slice(all.lastIndexOf('<data>'));
      const records = [...data.matchAll(/<record id="([^"]+)">([\s\S]*?)<\/record>/g)];
      const recordTokens = records.reduce(
        (sum, match) =>
          sum + Math.ceil((match[2] ?? '').trim().length / 4) + Math.ceil((match[1] ?? '').length / 4) + 8,
        0,
      );
      expect(recordTokens).toBeLessThanOrEqual(CHUNK_TOKENS);
      // The demographics go with every chunk.
      expect(records.map((match) => match[1])).toContain(PATIENT_ID);
      for (const match of records) sentIds.add(match[1] ?? '');
      firstOfEachChunk.push(records.map((match) => match[1] ?? '').find((id) => id !== PATIENT_ID) ?? '');
    }
    // Every record (up to model-prompt's 150 per kind) was sent in some chunk, the long note truncated.
    for (const id of IDS) if (id !== 'proc-colo') expect(sentIds).toContain(id);

    const result = await h.sg.dataSource
      .getRepository(AnalysisResultEntity)
      .findOneByOrFail({ taskId: task.id });
    const cited = result.sections.flatMap((section) => section.statements.flatMap((s) => s.citations));
    for (const citation of cited) expect(IDS).toContain(citation.recordId);
    const citedIds = new Set(cited.map((citation) => citation.recordId));
    // Every chunk's answer survives the merge (the local model cites the first records of what it was sent).
    for (const id of firstOfEachChunk) expect(citedIds).toContain(id);
    expect(citedIds).toContain('cond-long');
    const limitations = result.sections.find((section) => section.kind === 'LIMITATIONS');
    const notes = limitations?.statements.map((statement) => statement.text).join('\n') ?? '';
    expect(notes).toContain(`analysed in ${bodies.length} parts`);
    expect(notes).toMatch(
      /One record \(cond-long\) was too long to send whole; its last \d+ characters were left out/,
    );
  }, 120_000);
});
