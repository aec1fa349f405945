import type { ReactNode } from 'react';
import { sparklineGeometry } from './sparkline-path';

const WIDTH = 160;
const HEIGHT = 36;

/**
 * A small inline SVG line of recent values. It is an image with a text alternative (`label`); the caller shows
 * the latest value as text beside it, so nothing is only in the picture.
 */
export function Sparkline({
  label,
  values,
  scaleAtLeast = 0,
}: {
  label: string;
  values: ReadonlyArray<number | null>;
  /** The top of the scale is the largest value, or this when larger (so small values stay small). */
  scaleAtLeast?: number;
}): ReactNode {
  const top = Math.max(scaleAtLeast, ...values.filter((value): value is number => value !== null));
  const { path, latest } = sparklineGeometry(values, WIDTH, HEIGHT, top);
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={label}
      viewBox={`-2 -2 ${WIDTH + 4} ${HEIGHT + 4}`}
      width={WIDTH}
      height={HEIGHT}
      data-points={values.filter((value) => value !== null).length}
    >
      <title>{label}</title>
      <line className="sparkline__base" x1={0} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} />
      {path ? <path className="sparkline__line" d={path} /> : null}
      {latest ? <circle className="sparkline__latest" cx={latest.x} cy={latest.y} r={3} /> : null}
    </svg>
  );
}
