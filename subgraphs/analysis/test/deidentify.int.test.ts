import { Role } from '@holovitals/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEIDENTIFY_MAX_CHARACTERS } from '../src/deidentify/deidentify-text';
import { type AnalysisHarness, newUser, startAnalysisHarness } from './support/analysis-harness';

const QUERY = 'query D($text: String!) { deidentify(text: $text) { text spans { start end kind } } }';

interface Deidentified {
  deidentify: { text: string; spans: Array<{ start: number; end: number; kind: string }> };
}

describe('deidentify query (analysis subgraph)', () => {
  let h: AnalysisHarness;

  beforeAll(async () => {
    h = await startAnalysisHarness();
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('replaces identifiers for any signed-in user, with spans in the input offsets', async () => {
    const text =
      'Patient: Rosalind Okafor, MRN 00482913, seen 03/14/2024 at 42 Elm Street, Springfield, IL 62704. Call (217) 555-0188. Started metformin 500 mg.';
    const response = await h.sg.graphql<Deidentified>(
      QUERY,
      { text },
      { token: await h.token(Role.CLINICIAN, newUser()) },
    );
    expect(response.body.errors).toBeUndefined();
    const result = response.body.data?.deidentify;
    for (const identifier of ['Rosalind', 'Okafor', '00482913', '03/14/2024', '42 Elm Street', '555-0188'])
      expect(result?.text).not.toContain(identifier);
    expect(result?.text).toContain('metformin 500 mg');
    const found = (result?.spans ?? []).map((span) => [span.kind, text.slice(span.start, span.end)]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['NAME', 'Rosalind Okafor'],
        ['MRN', '00482913'],
        ['DATE', '03/14/2024'],
        ['PHONE', '(217) 555-0188'],
      ]),
    );
    const starts = (result?.spans ?? []).map((span) => span.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  }, 30_000);

  it('refuses anonymous callers (UNAUTHENTICATED) and oversize text (BAD_USER_INPUT)', async () => {
    const anonymous = await h.sg.graphql(QUERY, { text: 'Jane Doe' }, { token: null });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const oversize = await h.sg.graphql(
      QUERY,
      { text: 'x'.repeat(DEIDENTIFY_MAX_CHARACTERS + 1) },
      { token: await h.token(Role.PATIENT, newUser()) },
    );
    expect(oversize.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(oversize.body.data).toBeNull();
  }, 30_000);
});
