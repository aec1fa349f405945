import { describe, expect, it } from 'vitest';
import { creditsForDollars, creditsPerThousand } from './credit-units';

describe('credit units', () => {
  it('charges a dollar as 100 credits and rounds any fraction of a credit up', () => {
    expect(creditsForDollars(1)).toBe(100);
    expect(creditsForDollars(0.0125)).toBe(2);
    expect(creditsForDollars(0.000001)).toBe(1);
    expect(creditsForDollars(0)).toBe(0);
  });

  it('does not turn float noise into an extra credit', () => {
    expect(creditsForDollars(0.1 + 0.2)).toBe(30);
  });

  it('prices per thousand tokens in credits', () => {
    expect(creditsPerThousand(0.0025)).toBeCloseTo(0.25);
  });
});
