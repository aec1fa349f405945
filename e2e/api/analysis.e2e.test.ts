import { graphqlRequest, pollUntil } from '@holovitals/testing';
import { createClient } from 'graphql-ws';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { signIn, signUpAndSignIn } from '../setup/gateway-session';

const stack = inject('stack');

interface Citation {
  recordId: string;
  recordKind: string;
}
interface Task {
  id: string;
  status: string;
  progress: number;
  analyzer: string;
  estimatedCost: number;
  actualCost: number | null;
  failureReason: string | null;
  result: {
    analyzer: string;
    sections: Array<{
      kind: string;
      title: string;
      statements: Array<{ text: string; citations: Citation[] }>;
    }>;
  } | null;
}

async function call<T>(query: string, variables: Record<string, unknown>, token?: string) {
  return graphqlRequest<T>(stack.gatewayUrl, query, variables, { token });
}

async function gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await call<T>(query, variables, token);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data as T;
}

const TASK = `id status progress analyzer estimatedCost actualCost failureReason
  result { analyzer sections { kind title statements { text citations { recordId recordKind } } } }`;

describe('analysis through the gateway', () => {
  let patientToken: string;
  let patientId: string;
  let strangerToken: string;

  beforeAll(async () => {
    patientToken = await signIn(stack.gatewayUrl, 'patient@demo.holovitals.local', stack.demoPassword);
    const { myPatient } = await gql<{ myPatient: { id: string } }>('{ myPatient { id } }', {}, patientToken);
    patientId = myPatient.id;
    strangerToken = (await signUpAndSignIn(stack.gatewayUrl, 'analysis')).token;
  });

  it('the demo patient requests a CARE_GAPS analysis; the local model answers it, cited and labelled MODEL', async () => {
    // The stack gives every process the local model server: analyses go to the model analyzer.
    const { estimateAnalysisCost } = await gql<{
      estimateAnalysisCost: { analyzer: string; credits: number; inputTokens: number };
    }>(
      'query E($i: EstimateAnalysisCostInput!) { estimateAnalysisCost(input: $i) { analyzer credits inputTokens basis } }',
      { i: { type: 'CARE_GAPS', patientId } },
      patientToken,
    );
    expect(estimateAnalysisCost.analyzer).toBe('MODEL');
    expect(estimateAnalysisCost.inputTokens).toBeGreaterThan(0);

    const { requestAnalysis } = await gql<{ requestAnalysis: Task }>(
      `mutation R($i: RequestAnalysisInput!) { requestAnalysis(input: $i) { ${TASK} } }`,
      { i: { patientId, type: 'CARE_GAPS', priority: 'URGENT' } },
      patientToken,
    );
    expect(requestAnalysis).toMatchObject({ status: 'QUEUED', analyzer: 'MODEL', result: null });

    const read = (id: string) =>
      gql<{ analysisTask: Task }>(
        `query T($id: ID!) { analysisTask(id: $id) { ${TASK} } }`,
        { id },
        patientToken,
      );
    const finished = (id: string) =>
      pollUntil(
        () => read(id),
        (data) => ['SUCCEEDED', 'FAILED', 'DEAD_LETTERED'].includes(data.analysisTask.status),
        60_000,
        250,
      );
    const { analysisTask } = await finished(requestAnalysis.id);
    expect(analysisTask, analysisTask.failureReason ?? '').toMatchObject({
      status: 'SUCCEEDED',
      progress: 100,
    });
    const result = analysisTask.result!;
    expect(result.analyzer).toBe('MODEL');
    const care = result.sections.filter((section) => section.kind === 'CARE_GAPS');
    expect(care.length).toBeGreaterThan(0);
    expect(care.every((section) => section.statements.every((s) => s.citations.length > 0))).toBe(true);
    expect(result.sections.at(-1)?.statements[0]?.text).toMatch(
      /AI language model from your de-identified record/,
    );

    // Every cited immunization is one of the patient's own records, and some are cited.
    const { myPatient } = await gql<{
      myPatient: { immunizations: { nodes: Array<{ id: string; code: string }> } };
    }>('{ myPatient { immunizations(first: 100) { nodes { id code } } } }', {}, patientToken);
    const own = new Set(myPatient.immunizations.nodes.map((node) => node.id));
    const cited = care
      .flatMap((section) => section.statements.flatMap((s) => s.citations))
      .filter((citation) => citation.recordKind === 'IMMUNIZATION');
    expect(cited.length).toBeGreaterThan(0);
    for (const citation of cited) expect(own.has(citation.recordId)).toBe(true);

    // A free question, which only the model analyzer takes.
    const asked = await gql<{ requestAnalysis: Task }>(
      `mutation R($i: RequestAnalysisInput!) { requestAnalysis(input: $i) { ${TASK} } }`,
      { i: { patientId, type: 'QUESTION', question: 'Which vaccines have I had?', priority: 'STAT' } },
      patientToken,
    );
    const answered = await finished(asked.requestAnalysis.id);
    expect(answered.analysisTask.status, answered.analysisTask.failureReason ?? '').toBe('SUCCEEDED');
    expect(answered.analysisTask.result?.sections[0]?.kind).toBe('ANSWER');

    // Finished: cancelling is refused; another user cannot read it.
    const cancel = await call(
      'mutation C($id: ID!) { cancelAnalysisTask(id: $id) { id } }',
      { id: analysisTask.id },
      patientToken,
    );
    expect(cancel.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const stranger = await call(
      `query T($id: ID!) { analysisTask(id: $id) { id } }`,
      { id: analysisTask.id },
      strangerToken,
    );
    expect(stranger.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const list = await gql<{ analysisTasks: { nodes: Array<{ id: string }> } }>(
      '{ analysisTasks(first: 10) { nodes { id } } }',
      {},
      strangerToken,
    );
    expect(list.analysisTasks.nodes).toEqual([]);
  }, 120_000);

  it('deidentify through the gateway: identifiers replaced for a signed-in user, refused anonymously', async () => {
    const text = 'Seen by Dr. Ada Whitcombe on 03/14/2024; call 217-555-0188.';
    const { deidentify } = await gql<{
      deidentify: { text: string; spans: Array<{ start: number; end: number; kind: string }> };
    }>(
      'query D($t: String!) { deidentify(text: $t) { text spans { start end kind } } }',
      { t: text },
      patientToken,
    );
    expect(deidentify.text).not.toMatch(/Whitcombe|03\/14\/2024|555-0188/);
    expect(deidentify.spans.map((span) => [span.kind, text.slice(span.start, span.end)])).toContainEqual([
      'PHONE',
      '217-555-0188',
    ]);
    const anonymous = await call('query D($t: String!) { deidentify(text: $t) { text } }', { t: text });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('missing pieces and the health score come from the record read with the caller’s own access', async () => {
    const { missingPieces } = await gql<{
      missingPieces: Array<{ ruleId: string; status: string; analyzer: string; citations: Citation[] }>;
    }>(
      'query M($p: ID!) { missingPieces(patientId: $p) { ruleId status analyzer citations { recordId recordKind } } }',
      { p: patientId },
      patientToken,
    );
    expect(missingPieces.find((piece) => piece.ruleId === 'zoster-vaccine')).toMatchObject({
      status: 'NEVER_DONE',
      analyzer: 'RULES',
    });
    expect(missingPieces.map((piece) => piece.ruleId)).not.toContain('colorectal-cancer-screening');

    const { myPatient } = await gql<{ myPatient: { missingPieces: Array<{ ruleId: string }> } }>(
      '{ myPatient { id missingPieces { ruleId } } }',
      {},
      patientToken,
    );
    expect(myPatient.missingPieces.map((piece) => piece.ruleId)).toEqual(
      missingPieces.map((piece) => piece.ruleId),
    );

    const { healthScore } = await gql<{
      healthScore: { score: number; factors: Array<{ name: string; points: number }> };
    }>(
      'query H($p: ID!) { healthScore(patientId: $p) { score analyzer factors { name weight points detail } } }',
      { p: patientId },
      patientToken,
    );
    expect(healthScore.factors.map((factor) => factor.name)).toEqual([
      'PREVENTIVE_SCREENINGS',
      'IMMUNIZATIONS',
      'LAB_RESULTS_IN_RANGE',
      'RECORD_RECENCY',
    ]);
    expect(healthScore.score).toBe(
      Math.round(healthScore.factors.reduce((sum, factor) => sum + factor.points, 0)),
    );

    for (const query of [
      'query M($p: ID!) { missingPieces(patientId: $p) { ruleId } }',
      'query H($p: ID!) { healthScore(patientId: $p) { score } }',
    ]) {
      const refused = await call(query, { p: patientId }, strangerToken);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const request = await call(
      'mutation R($i: RequestAnalysisInput!) { requestAnalysis(input: $i) { id } }',
      { i: { patientId, type: 'CARE_GAPS' } },
      strangerToken,
    );
    expect(request.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }, 60_000);

  it('serves analysisTaskUpdated through the gateway only to those who may read the task', async () => {
    const { requestAnalysis } = await gql<{ requestAnalysis: { id: string } }>(
      'mutation R($i: RequestAnalysisInput!) { requestAnalysis(input: $i) { id } }',
      { i: { patientId, type: 'LAB_TRENDS', priority: 'BATCH' } },
      patientToken,
    );
    const client = createClient({
      url: stack.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${strangerToken}` },
      retryAttempts: 0,
    });
    try {
      const refused = await new Promise<unknown>((resolve) => {
        client.subscribe(
          {
            query:
              'subscription S($id: ID!) { analysisTaskUpdated(taskId: $id) { id kind analysisTask { status } } }',
            variables: { id: requestAnalysis.id },
          },
          {
            next: (value) => resolve(value),
            error: (error) => resolve(error),
            complete: () => resolve(null),
          },
        );
      });
      expect(JSON.stringify(refused)).toMatch(/NOT_FOUND/);
    } finally {
      await client.dispose();
    }
  }, 60_000);
});
