import type { ChangeMessage } from '@holovitals/live-changes';

/**
 * Changes waiting for one subscriber, at most one per entity key: a change that arrives while an earlier one for
 * the same entity still waits is merged into it (the subscriber is sent the entity as it is when resolved, so
 * nothing is lost), which bounds the buffer by the number of entities a subscription watches, not by event rate.
 */
export class PendingChanges {
  private readonly byKey = new Map<string, ChangeMessage>();

  constructor(private readonly maxKeys: number) {}

  /** False when a new entity would exceed the bound (the subscriber is then too far behind). */
  add(message: ChangeMessage): boolean {
    const waiting = this.byKey.get(message.key.id);
    if (waiting === undefined) {
      if (this.byKey.size >= this.maxKeys) return false;
      this.byKey.set(message.key.id, message);
      return true;
    }
    this.byKey.set(message.key.id, {
      ...message,
      // A record created and then edited before delivery is still new to the subscriber.
      kind: waiting.kind === 'CREATED' && message.kind === 'UPDATED' ? 'CREATED' : message.kind,
      changed: [...new Set([...waiting.changed, ...message.changed])],
      // The oldest undelivered change, so delivery latency is never understated.
      at: waiting.at,
    });
    return true;
  }

  /** The oldest waiting change, removed. */
  take(): ChangeMessage | undefined {
    const first = this.byKey.entries().next();
    if (first.done === true) return undefined;
    this.byKey.delete(first.value[0]);
    return first.value[1];
  }

  get size(): number {
    return this.byKey.size;
  }
}
