import { z } from 'zod';

/** What happened to the entity a subscription watches. */
export const CHANGE_KINDS = ['CREATED', 'UPDATED', 'DELETED'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * The small message an owning subgraph publishes: which entity changed (typename and key) and how. It carries
 * no health data; the gateway fetches the fields each subscriber asked for, with that subscriber's token.
 */
export const changeMessageSchema = z.object({
  typename: z.string().regex(/^[A-Z][A-Za-z0-9]*$/),
  key: z.object({ id: z.string().min(1).max(200) }),
  kind: z.enum(CHANGE_KINDS),
  /** What changed inside the entity (record kinds, `demographics`...). */
  changed: z.array(z.string().max(100)).max(100),
  /** When the owner published it (ISO 8601), for delivery-latency figures. */
  at: z.string().datetime(),
});
export type ChangeMessage = z.infer<typeof changeMessageSchema>;

/** The message, if `value` is one; a malformed message from Redis is null, never an exception. */
export function parseChangeMessage(value: unknown): ChangeMessage | null {
  const parsed = changeMessageSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * The Redis channel of one subscription field with its arguments, e.g.
 * `hv:live:patientRecordChanged:{"patientId":"…"}`; arguments are sorted so publisher and gateway agree.
 */
export function subscriptionChannel(field: string, args: Record<string, unknown>): string {
  const sorted = Object.fromEntries(Object.entries(args).sort(([a], [b]) => a.localeCompare(b)));
  return `hv:live:${field}:${JSON.stringify(sorted)}`;
}
