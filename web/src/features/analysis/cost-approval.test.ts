import { CombinedGraphQLErrors } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { insufficientCreditsText, needsApproval, raisedEstimate, reapproval } from './cost-approval';

const refusal = (extensions: Record<string, unknown>): CombinedGraphQLErrors =>
  new CombinedGraphQLErrors({ data: null, errors: [{ message: 'refused', extensions }] });

describe('cost approval', () => {
  it('asks before any AI-model analysis, free ones included, and lets the rule analyzer go straight', () => {
    expect(needsApproval({ analyzer: 'MODEL', credits: 0, basis: '' })).toBe(true);
    expect(needsApproval({ analyzer: 'MODEL', credits: 12.5, basis: '' })).toBe(true);
    expect(needsApproval({ analyzer: 'RULES', credits: 0, basis: '' })).toBe(false);
  });

  it("reads the server's new estimate from an ESTIMATE_ABOVE_APPROVED refusal only", () => {
    expect(
      raisedEstimate(
        refusal({
          code: 'BAD_USER_INPUT',
          reason: 'ESTIMATE_ABOVE_APPROVED',
          field: 'maxCredits',
          estimatedCents: 14.25,
        }),
      ),
    ).toBe(14.25);
    expect(
      raisedEstimate(refusal({ code: 'FORBIDDEN', reason: 'INSUFFICIENT_CREDITS', estimatedCents: 3 })),
    ).toBe(null);
    expect(raisedEstimate(refusal({ code: 'BAD_USER_INPUT', reason: 'ESTIMATE_ABOVE_APPROVED' }))).toBe(null);
    expect(raisedEstimate(new TypeError('Failed to fetch'))).toBe(null);
  });

  it('asks again for the higher of the fresh estimate and the figure the server refused at, remembering the old one', () => {
    const fresh = { analyzer: 'MODEL', credits: 14.3, basis: 'About 5000 tokens' };
    expect(reapproval(12, 14.25, fresh)).toEqual({ estimate: fresh, raisedFrom: 12 });
    expect(reapproval(12, 14.25, { ...fresh, credits: 13 })).toEqual({
      estimate: { ...fresh, credits: 14.25 },
      raisedFrom: 12,
    });
  });

  it('words an INSUFFICIENT_CREDITS refusal in credits, from the figures it carries, and no other error', () => {
    expect(
      insufficientCreditsText(
        refusal({
          code: 'FORBIDDEN',
          reason: 'INSUFFICIENT_CREDITS',
          estimatedCents: 3.654,
          remainingCents: 1,
        }),
      ),
    ).toMatch(/^This analysis is estimated at 3\.65 credits and you have 1 credit left\. Upgrade/);
    expect(insufficientCreditsText(refusal({ code: 'FORBIDDEN', reason: 'INSUFFICIENT_CREDITS' }))).toBe(
      null,
    );
    expect(
      insufficientCreditsText(
        refusal({
          code: 'BAD_USER_INPUT',
          reason: 'ESTIMATE_ABOVE_APPROVED',
          estimatedCents: 3,
          remainingCents: 1,
        }),
      ),
    ).toBe(null);
    expect(insufficientCreditsText(new TypeError('Failed to fetch'))).toBe(null);
  });
});
