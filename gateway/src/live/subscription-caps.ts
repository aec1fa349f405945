import { randomUUID } from 'node:crypto';
import type { UserSlotLeases } from './user-slot-leases';

/** The per-connection cap on open subscriptions (the per-user cap is the leases'). */
export interface SubscriptionCapLimits {
  perConnection: number;
}

/** One taken subscription slot; releasing it twice is harmless. */
export interface SubscriptionSlot {
  release(): void;
}

/** The slots one connection holds (or is taking), so closing it gives them all back. */
export interface ConnectionSlots {
  userId: string;
  held: Set<SubscriptionSlot>;
}

/**
 * Counts open subscriptions: per connection on this replica, per user across replicas (UserSlotLeases in Redis).
 * The connection's slot is taken synchronously when the subscribe message arrives, before any awaited check, so a
 * burst of messages on one socket cannot all pass the cap while the first ones are in flight; the user's slot is
 * taken atomically in Redis, so neither can a burst spread over replicas.
 */
export class SubscriptionCaps {
  /** Slot ids this replica holds, per user: what it renews. */
  private readonly held = new Map<string, Set<string>>();
  private readonly prefix = `${randomUUID()}:`;
  private sequence = 0;

  constructor(
    private readonly limits: SubscriptionCapLimits,
    private readonly leases: Pick<UserSlotLeases, 'acquire' | 'release' | 'renew'>,
    private readonly onReleaseError: (error: unknown) => void,
  ) {}

  connection(userId: string): ConnectionSlots {
    return { userId, held: new Set() };
  }

  /** A slot, or which cap is full. */
  async take(connection: ConnectionSlots): Promise<SubscriptionSlot | 'connection' | 'user'> {
    if (connection.held.size >= this.limits.perConnection) return 'connection';
    const { userId } = connection;
    const slotId = `${this.prefix}${(this.sequence += 1)}`;
    let leased = false;
    const slot: SubscriptionSlot = {
      release: () => {
        if (!connection.held.delete(slot) || !leased) return;
        this.forget(userId, slotId);
        this.leases.release(userId, slotId).catch(this.onReleaseError);
      },
    };
    connection.held.add(slot);
    try {
      leased = await this.leases.acquire(userId, slotId);
    } catch (error) {
      connection.held.delete(slot);
      throw error;
    }
    // The connection closed while Redis answered: its slots were already given back, so is this one.
    if (!connection.held.has(slot)) {
      if (leased) this.leases.release(userId, slotId).catch(this.onReleaseError);
      return 'connection';
    }
    if (!leased) {
      connection.held.delete(slot);
      return 'user';
    }
    let ids = this.held.get(userId);
    if (ids === undefined) this.held.set(userId, (ids = new Set()));
    ids.add(slotId);
    return slot;
  }

  /** Gives back every slot of a closed connection (a subscription whose generator never started keeps none). */
  releaseAll(connection: ConnectionSlots): void {
    for (const slot of [...connection.held]) slot.release();
    connection.held.clear();
  }

  /** Extends the leases of every slot this replica holds. */
  renew(): Promise<void> {
    const held = new Map([...this.held].map(([userId, ids]) => [userId, [...ids]]));
    return this.leases.renew(held);
  }

  private forget(userId: string, slotId: string): void {
    const ids = this.held.get(userId);
    ids?.delete(slotId);
    if (ids?.size === 0) this.held.delete(userId);
  }
}
