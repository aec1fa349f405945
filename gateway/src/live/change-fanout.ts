import { parseChangeMessage, type ChangeMessage } from '@holovitals/live-changes';
import type { RedisPubSub } from 'graphql-redis-subscriptions';

type Listener = (message: ChangeMessage) => void;

interface Channel {
  typename: string;
  listeners: Set<Listener>;
  subscription: Promise<number>;
}

/**
 * One Redis subscription per channel on this gateway, however many sockets watch it: each message is parsed
 * once and handed to every listener. A malformed message, or one naming another type than the channel's
 * entity, is counted and dropped; it never reaches a subscriber nor throws.
 */
export class ChangeFanout {
  private readonly channels = new Map<string, Channel>();

  constructor(
    private readonly pubsub: RedisPubSub,
    private readonly onMalformed: (channel: string) => void,
  ) {}

  /** Starts delivering `channel`'s messages to `listener` (resolves once Redis confirmed); returns the stop. */
  async listen(channel: string, typename: string, listener: Listener): Promise<() => void> {
    let entry = this.channels.get(channel);
    if (entry === undefined) {
      const listeners = new Set<Listener>();
      const created: Channel = {
        typename,
        listeners,
        subscription: this.pubsub.subscribe(channel, (raw: unknown) => {
          const message = parseChangeMessage(raw);
          if (message === null || message.typename !== created.typename) {
            this.onMalformed(channel);
            return;
          }
          for (const each of listeners) each(message);
        }),
      };
      entry = created;
      this.channels.set(channel, entry);
    }
    entry.listeners.add(listener);
    const current = entry;
    try {
      await current.subscription;
    } catch (error) {
      // Redis refused the subscription: the next listener tries again on a fresh entry.
      current.listeners.delete(listener);
      if (this.channels.get(channel) === current) this.channels.delete(channel);
      throw error;
    }
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size > 0 || this.channels.get(channel) !== current) return;
      this.channels.delete(channel);
      void current.subscription.then((id) => this.pubsub.unsubscribe(id));
    };
  }

  /** Channels this gateway listens to. */
  get size(): number {
    return this.channels.size;
  }
}
