import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentity, type IdentityHarness } from './identity-harness';

const DAY_S = 86_400;
let h: IdentityHarness;

beforeAll(async () => {
  h = await startIdentity({ SIGNING_KEY_ROTATION_DAYS: '30' });
});

afterAll(async () => {
  await h.stop();
});

describe('identity /metrics', () => {
  it('exports how long until the signing key must rotate, for the CREDENTIAL_EXPIRY rule', async () => {
    const text = await (await fetch(h.identity.metricsUrl)).text();
    const match = text.match(
      /credential_expires_in_seconds\{[^}]*credential="jwt_signing_key"[^}]*\} (-?\d+)/,
    );
    const seconds = Number(match?.[1]);
    expect(seconds).toBeGreaterThan(29 * DAY_S);
    expect(seconds).toBeLessThanOrEqual(30 * DAY_S);
  });

  it('rotates an overdue key at the scrape, so the figure is the fresh key’s', async () => {
    // A key created 31 days ago is past due: the scrape rotates it, so the figure is a fresh key's again.
    await h.identity.dataSource.query(`UPDATE signing_key SET created_at = now() - interval '31 days'`);
    const text = await (await fetch(h.identity.metricsUrl)).text();
    const match = text.match(
      /credential_expires_in_seconds\{[^}]*credential="jwt_signing_key"[^}]*\} (-?\d+)/,
    );
    expect(Number(match?.[1])).toBeGreaterThan(29 * DAY_S);
    const keys = (await h.identity.dataSource.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE rotated_at IS NULL)::int AS active FROM signing_key`,
    )) as Array<{ total: number; active: number }>;
    expect(keys[0]).toEqual({ total: 2, active: 1 });
  });
});
