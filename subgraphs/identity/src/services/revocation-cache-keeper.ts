import { REVOCATION_READY_KEY, revokedServiceClientKey, revokedSessionKey } from '@holovitals/auth';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { markerLifetimeMs } from './revocation-announcement';

export interface RevocationCacheSettings {
  accessTokenTtlSeconds: number;
  /** How often the keeper checks the cache (and copies recent revocations again). */
  syncIntervalMs: number;
}

/** Rows revoked since the last pass are copied again with this overlap, for slow commits and clock skew. */
const OVERLAP_MS = 10_000;

interface RevokedRow {
  id: string;
  revoked_at: Date;
}

/**
 * Keeps Redis's revocation cache in step with identity's database. When the readiness sentinel is
 * missing (Redis restarted or was flushed) it writes a marker for every session and partner client
 * revoked within one access-token lifetime, then sets the sentinel; readers refuse every token until
 * then. Otherwise it copies revocations since its last pass, which repairs a marker whose write failed.
 * Runs on every identity replica; the writes are idempotent.
 */
export class RevocationCacheKeeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastSyncedAtMs: number | null = null;
  private readonly onReady = (): void => void this.sync();

  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly settings: RevocationCacheSettings,
  ) {}

  /** Makes the cache ready once (so this replica serves with a warm cache), then keeps it so. */
  async start(): Promise<void> {
    await this.sync();
    this.redis.on('ready', this.onReady);
    this.timer = setInterval(this.onReady, this.settings.syncIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.redis.off('ready', this.onReady);
    await this.running;
  }

  /** One pass; concurrent callers share it. Failures are logged and retried on the next pass. */
  sync(): Promise<void> {
    this.running ??= this.pass()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'revocation cache sync failed'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async pass(): Promise<void> {
    const startedAtMs = Date.now();
    const lifetimeMs = markerLifetimeMs(this.settings.accessTokenTtlSeconds);
    const ready = (await this.redis.exists(REVOCATION_READY_KEY)) === 1;
    const sinceMs =
      ready && this.lastSyncedAtMs !== null ? this.lastSyncedAtMs - OVERLAP_MS : startedAtMs - lifetimeMs;
    const since = new Date(sinceMs);
    const [sessions, clients] = await Promise.all([
      this.dataSource.query<RevokedRow[]>('SELECT id, revoked_at FROM session WHERE revoked_at >= $1', [
        since,
      ]),
      this.dataSource.query<RevokedRow[]>(
        'SELECT id, revoked_at FROM service_client WHERE revoked_at >= $1',
        [since],
      ),
    ]);
    const pipeline = this.redis.multi();
    const write = (key: string, revokedAt: Date): void => {
      const remainingMs = revokedAt.getTime() + lifetimeMs - Date.now();
      if (remainingMs > 0) pipeline.set(key, '1', 'PX', remainingMs);
    };
    for (const row of sessions) write(revokedSessionKey(row.id), row.revoked_at);
    for (const row of clients) write(revokedServiceClientKey(row.id), row.revoked_at);
    if (!ready) pipeline.set(REVOCATION_READY_KEY, String(startedAtMs));
    await pipeline.exec();
    if (!ready) {
      this.logger.info(
        { sessions: sessions.length, clients: clients.length },
        'revocation cache rebuilt from the database',
      );
    }
    this.lastSyncedAtMs = startedAtMs;
  }
}
