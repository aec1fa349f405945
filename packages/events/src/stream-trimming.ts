import { type Redis } from 'ioredis';
import { eventTypes } from './event-contracts';
import { deadLetterStreamKey, eventStreamKey } from './event-stream-message';
import { compareStreamIds, nextStreamId, streamIdAt } from './stream-id';

export interface StreamTrimOptions {
  redis: Redis;
  streamPrefix: string;
  /**
   * Safety cap: entries older than this are trimmed even when a group has not acknowledged them, so a
   * consumer that is gone for good cannot make Redis (which also holds revocations and rate limits) run out
   * of memory. Such a group loses those entries.
   */
  maxAgeMs: number;
  /** Safety cap on entries per stream, for a burst faster than the age cap. */
  maxLength: number;
  now?: () => number;
}

export interface StreamTrimResult {
  stream: string;
  /** Entries removed because every group had acknowledged them or the caps applied. */
  removed: number;
}

type FlatReply = Array<string | number | null>;

/** The first id a group still needs: its oldest unacknowledged entry, else whatever follows its last delivery. */
async function firstNeededId(redis: Redis, stream: string, group: FlatReply): Promise<string> {
  const info = new Map<string, string | number | null>();
  for (let index = 0; index + 1 < group.length; index += 2) {
    info.set(String(group[index]), group[index + 1] ?? null);
  }
  const name = String(info.get('name'));
  if (Number(info.get('pending')) > 0) {
    const [, oldestPending] = (await redis.xpending(stream, name)) as [number, string | null, ...unknown[]];
    if (oldestPending) return oldestPending;
  }
  return nextStreamId(String(info.get('last-delivered-id') ?? '0-0'));
}

/**
 * Trims one stream to what its consumer groups still need: XTRIM MINID to the lowest id any group has not
 * acknowledged, raised to the age cap, then the length cap. A stream without groups is trimmed by the caps
 * only: a service that subscribes later reads from the start (its group is created at '0'), so entries
 * nobody has read yet stay until they age out.
 */
export async function trimStream(options: StreamTrimOptions, stream: string): Promise<StreamTrimResult> {
  const { redis } = options;
  if ((await redis.exists(stream)) === 0) return { stream, removed: 0 };
  const groups = (await redis.xinfo('GROUPS', stream)) as FlatReply[];
  let minId = streamIdAt((options.now ?? Date.now)() - options.maxAgeMs);
  if (groups.length > 0) {
    const needed = await Promise.all(groups.map((group) => firstNeededId(redis, stream, group)));
    const lowestNeeded = needed.reduce((low, id) => (compareStreamIds(id, low) < 0 ? id : low));
    if (compareStreamIds(lowestNeeded, minId) > 0) minId = lowestNeeded;
  }
  const byId = await redis.xtrim(stream, 'MINID', minId);
  const byLength = await redis.xtrim(stream, 'MAXLEN', options.maxLength);
  return { stream, removed: byId + byLength };
}

/** Trims every event stream and the dead-letter stream (which has no groups: the caps bound it). */
export async function trimEventStreams(options: StreamTrimOptions): Promise<StreamTrimResult[]> {
  const streams = [
    ...eventTypes.map((type) => eventStreamKey(options.streamPrefix, type)),
    deadLetterStreamKey(options.streamPrefix),
  ];
  const results: StreamTrimResult[] = [];
  for (const stream of streams) results.push(await trimStream(options, stream));
  return results;
}
