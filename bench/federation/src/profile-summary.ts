import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Groups a frame by the package it runs in, so a profile reads as "where the time goes". */
function packageOf(url: string): string {
  if (!url) return '(native/gc)';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules?.[1]) return inModules[1];
  if (url.startsWith('node:')) return 'node core';
  const workspace = /\/(gateway|packages\/[^/]+|bench\/[^/]+)\//.exec(url);
  return workspace?.[1] ?? url;
}

/** `node profile-summary.js <file.cpuprofile> [top]`: self time by function and by package. */
function main(): void {
  const [file, topArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [top]');
  const top = Number(topArg ?? 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const servesRequest = (id: number): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at))
      if (byId.get(at)?.callFrame.functionName === 'executeHTTPGraphQLRequest') return true;
    return false;
  };
  // Start-up (module loading, composition) is not the hot path: count from the first request on.
  const first = profile.samples.findIndex(servesRequest);
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    if (i >= first) selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '')}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
    const pkg = frame.url ? packageOf(frame.url) : frame.functionName;
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
  }
  const print = (title: string, entries: Map<string, number>): void => {
    process.stdout.write(`${title}\n`);
    for (const [name, micros] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top))
      process.stdout.write(`${((100 * micros) / total).toFixed(1).padStart(5)}%  ${name}\n`);
  };
  process.stdout.write(`${(total / 1e6).toFixed(1)} s sampled from the first request on\n`);
  print('self time by package', packages);
  print('self time by function', functions);
}

main();
