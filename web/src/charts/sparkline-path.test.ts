import { describe, expect, it } from 'vitest';
import { sparklineGeometry } from './sparkline-path';

describe('sparklineGeometry', () => {
  it('draws values across the width with 0 at the bottom, breaking the line at gaps', () => {
    expect(sparklineGeometry([0, 5, null, 10, 10], 100, 20, 10)).toEqual({
      path: 'M0 20 L25 10 M75 0 L100 0',
      latest: { x: 100, y: 0 },
    });
  });

  it('draws a lone value as a dot and marks it as the latest', () => {
    expect(sparklineGeometry([null, 3, null, null], 30, 10, 6)).toEqual({
      path: 'M10 5 h0',
      latest: { x: 10, y: 5 },
    });
  });

  it('clamps values above the scale, draws zeros on the bottom and nothing without values', () => {
    expect(sparklineGeometry([20, 0], 10, 10, 10).path).toBe('M0 0 L10 10');
    expect(sparklineGeometry([0, 0], 10, 10, 0).path).toBe('M0 10 L10 10');
    expect(sparklineGeometry([null, null], 10, 10, 0)).toEqual({ path: '', latest: null });
  });
});
