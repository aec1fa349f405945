import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline-path';

describe('sparklinePath', () => {
  it('draws values across the width with 0 at the bottom, breaking the line at gaps', () => {
    expect(sparklinePath([0, 5, null, 10, 10], 100, 20, 10)).toBe('M0 20 L25 10 M75 0 L100 0');
  });

  it('clamps values above the scale and draws a flat line when everything is zero', () => {
    expect(sparklinePath([20, 0], 10, 10, 10)).toBe('M0 0 L10 10');
    expect(sparklinePath([0, 0], 10, 10, 0)).toBe('M0 10 L10 10');
  });
});
