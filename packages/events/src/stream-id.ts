/** Redis stream ids are `<milliseconds>-<sequence>`; compared as numbers, never as strings ("9-0" < "10-0"). */
function parts(id: string): [bigint, bigint] {
  const [ms, seq] = id.split('-');
  return [BigInt(ms ?? '0'), BigInt(seq ?? '0')];
}

export function compareStreamIds(a: string, b: string): number {
  const [aMs, aSeq] = parts(a);
  const [bMs, bSeq] = parts(b);
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1;
  return 0;
}

/** The smallest id after `id`: XTRIM MINID keeps entries >= its argument, so this keeps only what follows `id`. */
export function nextStreamId(id: string): string {
  const [ms, seq] = parts(id);
  return `${ms}-${seq + 1n}`;
}

export function streamIdAt(epochMs: number): string {
  return `${Math.max(0, Math.floor(epochMs))}-0`;
}
