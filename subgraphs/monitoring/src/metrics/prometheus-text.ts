/** One sample line of the Prometheus text exposition format. */
export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?\s*/g;

function unescapeLabel(value: string): string {
  return value.replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char));
}

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/**
 * Parses the text format prom-client (and Prometheus exporters) serve: comments and HELP/TYPE lines are skipped,
 * as are lines that are not samples. `keep` picks the metric names worth storing.
 */
export function parsePrometheusText(text: string, keep: (name: string) => boolean): ParsedSample[] {
  const samples: ParsedSample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const [, name, labelText, valueText] = match as unknown as [string, string, string | undefined, string];
    if (!keep(name)) continue;
    const value = parseValue(valueText);
    if (Number.isNaN(value)) continue;
    const labels: Record<string, string> = {};
    for (const label of (labelText ?? '').matchAll(LABEL))
      labels[label[1] as string] = unescapeLabel(label[2] as string);
    samples.push({ name, labels, value });
  }
  return samples;
}

/** Labels as one canonical string (sorted keys): the same series always gets the same key. */
export function labelsKey(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((key) => `${key}=${JSON.stringify(labels[key])}`)
    .join(',');
}
