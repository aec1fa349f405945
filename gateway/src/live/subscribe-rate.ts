/**
 * graphql-ws close code for a socket that sends subscribe messages faster than its budget (the protocol leaves
 * 4xxx codes it does not name to the application; 4429 is its "too many initialisation requests").
 */
export const SUBSCRIBE_FLOOD_CLOSE_CODE = 4529;

/**
 * A fixed window of subscribe messages per connection: a client opens a few subscriptions and keeps them, so a
 * socket sending more than `max` within `windowMs` is broken or hostile and is closed before any work is done.
 */
export class SubscribeRate {
  private windowStart = 0;
  private count = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one subscribe message; false once the window's budget is spent. */
  allow(now: number = Date.now()): boolean {
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.count = 0;
    }
    this.count += 1;
    return this.count <= this.max;
  }
}
