/** A wait that `interrupt()` ends early, so a polling loop stops promptly instead of sleeping out its interval. */
export class StoppableDelay {
  private pending: { timer: NodeJS.Timeout; resolve: () => void } | undefined;

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        resolve();
      }, ms);
      this.pending = { timer, resolve };
    });
  }

  interrupt(): void {
    if (this.pending) {
      clearTimeout(this.pending.timer);
      this.pending.resolve();
      this.pending = undefined;
    }
  }
}
