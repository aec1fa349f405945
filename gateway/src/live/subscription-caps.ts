/** The caps on open subscriptions: per connection and per user on this gateway. */
export interface SubscriptionCapLimits {
  perConnection: number;
  perUser: number;
}

/** One taken subscription slot; releasing it twice is harmless. */
export interface SubscriptionSlot {
  release(): void;
}

/** The slots one connection holds, so closing it gives them all back. */
export interface ConnectionSlots {
  userId: string;
  held: Set<SubscriptionSlot>;
}

/**
 * Counts open subscriptions. A slot is taken synchronously when the subscribe message arrives, before any
 * awaited check, so a burst of messages on one socket cannot all pass the cap while the first ones are in flight.
 */
export class SubscriptionCaps {
  private readonly perUser = new Map<string, number>();

  constructor(private readonly limits: SubscriptionCapLimits) {}

  connection(userId: string): ConnectionSlots {
    return { userId, held: new Set() };
  }

  /** A slot, or which cap is full. */
  take(connection: ConnectionSlots): SubscriptionSlot | 'connection' | 'user' {
    if (connection.held.size >= this.limits.perConnection) return 'connection';
    const used = this.perUser.get(connection.userId) ?? 0;
    if (used >= this.limits.perUser) return 'user';
    this.perUser.set(connection.userId, used + 1);
    const slot: SubscriptionSlot = {
      release: () => {
        if (!connection.held.delete(slot)) return;
        const left = (this.perUser.get(connection.userId) ?? 1) - 1;
        if (left <= 0) this.perUser.delete(connection.userId);
        else this.perUser.set(connection.userId, left);
      },
    };
    connection.held.add(slot);
    return slot;
  }

  /** Gives back every slot of a closed connection (a subscription whose generator never started keeps none). */
  releaseAll(connection: ConnectionSlots): void {
    for (const slot of [...connection.held]) slot.release();
  }

  /** Open subscriptions of a user on this gateway. */
  usedBy(userId: string): number {
    return this.perUser.get(userId) ?? 0;
  }
}
