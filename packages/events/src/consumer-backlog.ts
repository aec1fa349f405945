import type { Redis } from 'ioredis';

/** How far one consumer group is behind on one stream. */
export interface ConsumerBacklog {
  /** Entries not yet handled: delivered but unacknowledged, plus not yet delivered. */
  entries: number;
  /** Age of the oldest entry not yet handled (0 when none is waiting): the group's lag in time. */
  oldestAgeSeconds: number;
}

/** A stream id's leading part is the millisecond the entry was added. */
const addedAtMs = (entryId: string): number => Number(entryId.split('-')[0]);

/** XINFO GROUPS answers each group as a flat [field, value, …] list. */
function groupInfo(reply: unknown[], group: string): Map<string, unknown> | null {
  for (const entry of reply as unknown[][]) {
    const fields = new Map<string, unknown>();
    for (let index = 0; index + 1 < entry.length; index += 2)
      fields.set(String(entry[index]), entry[index + 1]);
    if (fields.get('name') === group) return fields;
  }
  return null;
}

/** Undelivered entries are counted up to this many when Redis cannot give the lag (after deletions or trimming). */
const COUNT_LIMIT = 10_000;

/**
 * Reads the group's backlog on one stream from Redis itself, so a stuck consumer shows a growing lag even though
 * it handles nothing (a figure kept by the consumer would stand still).
 */
export async function consumerBacklog(
  redis: Redis,
  streamKey: string,
  group: string,
  now: number = Date.now(),
): Promise<ConsumerBacklog> {
  let groups: unknown[];
  try {
    groups = (await redis.call('XINFO', 'GROUPS', streamKey)) as unknown[];
  } catch (error) {
    if (error instanceof Error && error.message.includes('no such key'))
      return { entries: 0, oldestAgeSeconds: 0 };
    throw error;
  }
  const info = groupInfo(groups, group);
  if (!info) return { entries: 0, oldestAgeSeconds: 0 };
  const pending = Number(info.get('pending') ?? 0);
  const lastDelivered = String(info.get('last-delivered-id') ?? '0-0');
  const [summary, firstUndelivered] = await Promise.all([
    pending > 0
      ? (redis.call('XPENDING', streamKey, group) as Promise<[number, string | null, string | null, unknown]>)
      : Promise.resolve(null),
    redis.xrange(streamKey, `(${lastDelivered}`, '+', 'COUNT', 1),
  ]);
  const lag = info.get('lag');
  const undelivered =
    typeof lag === 'number'
      ? lag
      : firstUndelivered.length === 0
        ? 0
        : (await redis.xrange(streamKey, `(${lastDelivered}`, '+', 'COUNT', COUNT_LIMIT)).length;
  const oldestId = summary?.[1] ?? firstUndelivered[0]?.[0] ?? null;
  return {
    entries: pending + undelivered,
    oldestAgeSeconds: oldestId === null ? 0 : Math.max(0, (now - addedAtMs(oldestId)) / 1000),
  };
}
