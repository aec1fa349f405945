export interface SparklineGeometry {
  /** Path data; a value between two gaps is a zero-length segment, which the round line cap draws as a dot. */
  path: string;
  /** Where the latest value sits, marked so a line of one point still shows; null without values. */
  latest: { x: number; y: number } | null;
}

/** Values drawn left to right across `width`, 0 at the bottom and `max` at the top; nulls leave gaps. */
export function sparklineGeometry(
  values: ReadonlyArray<number | null>,
  width: number,
  height: number,
  max: number,
): SparklineGeometry {
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const top = max > 0 ? max : 1;
  const commands: string[] = [];
  let latest: SparklineGeometry['latest'] = null;
  values.forEach((value, index) => {
    if (value === null) return;
    const x = round(index * step);
    const y = round(height - (Math.min(value, top) / top) * height);
    const joined = index > 0 && values[index - 1] !== null && values[index - 1] !== undefined;
    const isolated = !joined && (values[index + 1] === null || values[index + 1] === undefined);
    commands.push(joined ? `L${x} ${y}` : `M${x} ${y}${isolated ? ' h0' : ''}`);
    latest = { x, y };
  });
  return { path: commands.join(' '), latest };
}

const round = (value: number): number => Math.round(value * 10) / 10;
