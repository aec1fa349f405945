import { loadModelServerConfig, type RunningModelServer, startModelServer } from '@holovitals/model-server';
import { Role } from '@holovitals/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factInstructions } from '../src/prompts/prompt-compaction';
import { placeholdersIn } from '../src/prompts/prompt-rendering';
import {
  type AnalysisHarness,
  newUser,
  PATIENT_ID,
  RECORD,
  startAnalysisHarness,
} from './support/analysis-harness';
import { type RecordServer, startRecordServer } from './support/record-server';

const KEY = 'analysis-prompt-test-key';

interface Template {
  id: string;
  category: string;
  version: number;
  text: string;
  active: boolean;
  derivedFromId: string | null;
}
const TEMPLATE = 'id category version text active derivedFromId';

describe('prompt templates: seeded versions, optimizePrompt, A/B selection by measured score', () => {
  let server: RunningModelServer;
  let records: RecordServer;
  let h: AnalysisHarness;
  let admin: string;

  beforeAll(async () => {
    server = await startModelServer(loadModelServerConfig({ PORT: '0', MODEL_SERVER_API_KEY: KEY }));
    records = await startRecordServer();
    records.records.set(PATIENT_ID, RECORD);
    h = await startAnalysisHarness({
      SUBGRAPH_PATIENT_URL: records.url,
      MODEL_BASE_URL: server.baseURL,
      MODEL_API_KEY: KEY,
      MODEL_MAX_RETRIES: '0',
      PROMPT_EXPLORATION_SHARE: '0',
      PROMPT_MIN_SAMPLES: '2',
    });
    admin = await h.token(Role.ADMIN, newUser());
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    await records?.stop();
    await server?.stop();
  });

  const gql = async <T>(query: string, variables: Record<string, unknown>, token = admin) =>
    (await h.sg.graphql<T>(query, variables, { token })).body;
  const best = async (category: string) =>
    (
      await gql<{ bestPrompt: Template }>(
        `query B($c: PromptCategory!) { bestPrompt(category: $c) { ${TEMPLATE} } }`,
        {
          c: category,
        },
      )
    ).data!.bestPrompt;

  it('seeds version 1 of every category, the analyzer’s former prompt text among them', async () => {
    const stats = await gql<{
      promptStats: Array<{ category: string; versions: number; bestVersion: number }>;
    }>('{ promptStats { category versions activeVersions calls bestVersion } }', {});
    expect(stats.data!.promptStats.map((row) => row.category).sort()).toEqual([
      'ANALYSIS_CARE_GAPS',
      'ANALYSIS_LAB_TRENDS',
      'ANALYSIS_MEDICATION_REVIEW',
      'ANALYSIS_QUESTION',
      'ANALYSIS_SUMMARY',
      'CHAT_ANSWER',
    ]);
    for (const row of stats.data!.promptStats) expect(row).toMatchObject({ versions: 1, bestVersion: 1 });
    const question = await best('ANALYSIS_QUESTION');
    expect(question.text).toContain('Every statement must cite the ids of the records it rests on');
    expect(placeholdersIn(question.text)).toEqual(['question']);
  });

  it('is ADMIN only', async () => {
    const patient = await h.token(Role.PATIENT, newUser());
    for (const query of ['{ promptStats { category } }', '{ bestPrompt(category: CHAT_ANSWER) { id } }']) {
      expect((await gql(query, {}, patient)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('optimizePrompt makes a new version with fewer tokens, every placeholder and fact instruction kept', async () => {
    const v1 = await best('CHAT_ANSWER');
    const made = await gql<{ optimizePrompt: Template }>(
      `mutation O($id: ID!) { optimizePrompt(templateId: $id) { ${TEMPLATE} } }`,
      { id: v1.id },
    );
    const v2 = made.data!.optimizePrompt;
    expect(v2).toMatchObject({ category: 'CHAT_ANSWER', version: 2, active: true, derivedFromId: v1.id });
    expect(v2.text.length).toBeLessThan(v1.text.length);
    expect(placeholdersIn(v2.text)).toEqual(placeholdersIn(v1.text));
    for (const fact of factInstructions(v1.text)) expect(v2.text).toContain(fact);

    const again = await gql(`mutation O($id: ID!) { optimizePrompt(templateId: $id) { id } }`, { id: v2.id });
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'PROMPT_ALREADY_COMPACT',
    });
    const unknown = await gql(`mutation O($id: ID!) { optimizePrompt(templateId: $id) { id } }`, {
      id: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('tries each version until measured, then picks the better measured one; ratings can turn it', async () => {
    const owner = newUser();
    const token = await h.token(Role.PATIENT, owner);
    const answers: Array<{ id: string; promptVersion: number }> = [];
    for (let turn = 0; turn < 4; turn += 1) {
      const body = await gql<{ askHealthQuestion: { id: string; promptVersion: number } }>(
        'mutation A($p: ID, $t: String!) { askHealthQuestion(patientId: $p, text: $t) { id promptVersion } }',
        { p: PATIENT_ID, t: `Question ${turn}: how is my cholesterol?` },
        token,
      );
      answers.push(body.data!.askHealthQuestion);
    }
    // Warm-up: each active version gets PROMPT_MIN_SAMPLES calls before scores decide.
    expect(answers.map((answer) => answer.promptVersion).sort()).toEqual([1, 1, 2, 2]);

    const metrics = async () =>
      (
        await gql<{
          promptMetrics: Array<{
            template: { version: number };
            calls: number;
            meanInputTokens: number;
            score: number;
          }>;
        }>(
          '{ promptMetrics(category: CHAT_ANSWER) { template { version } calls validRate meanInputTokens meanRating score } }',
          {},
        )
      ).data!.promptMetrics;
    const measured = await metrics();
    expect(measured.map((row) => row.calls)).toEqual([2, 2]);
    // Unrated and equally valid, the shorter version scores better per token.
    expect(measured[1]!.meanInputTokens).toBeLessThan(measured[0]!.meanInputTokens);
    expect((await best('CHAT_ANSWER')).version).toBe(2);

    // Users rate version 2's answers poorly and version 1's well: the measured score turns to version 1.
    for (const answer of answers) {
      await gql(
        'mutation R($input: PromptPerformanceInput!) { recordPromptPerformance(input: $input) { id } }',
        { input: { interactionId: answer.id, rating: answer.promptVersion === 1 ? 5 : 1 } },
        token,
      );
    }
    const rated = await metrics();
    expect(rated[0]!.score).toBeGreaterThan(rated[1]!.score);
    expect((await best('CHAT_ANSWER')).version).toBe(1);
  }, 60_000);
});
