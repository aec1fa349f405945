/** SVG path data for values drawn left to right across `width`, 0 at the bottom and `max` at the top; nulls leave gaps. */
export function sparklinePath(
  values: ReadonlyArray<number | null>,
  width: number,
  height: number,
  max: number,
): string {
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const top = max > 0 ? max : 1;
  const commands: string[] = [];
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null) {
      drawing = false;
      return;
    }
    const x = round(index * step);
    const y = round(height - (Math.min(value, top) / top) * height);
    commands.push(`${drawing ? 'L' : 'M'}${x} ${y}`);
    drawing = true;
  });
  return commands.join(' ');
}

const round = (value: number): number => Math.round(value * 10) / 10;
