import type { EventHandlers, StepUpPurpose } from '@holovitals/events';
import type { RequestContext } from '@holovitals/subgraph-kit';
import DataLoader from 'dataloader';

/**
 * Keeps step_up_projection from compliance's identity.challenge.verified: idempotent and order-tolerant, the
 * latest expiry per user and purpose wins, so a redelivered older event never shortens a newer step-up.
 */
export const stepUpProjectionHandlers: EventHandlers = {
  'identity.challenge.verified': async (event, manager) => {
    const { challengeId, userId, purpose, validUntil } = event.payload;
    await manager.query(
      `INSERT INTO step_up_projection (user_id, purpose, valid_until, challenge_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, purpose) DO UPDATE
         SET valid_until = EXCLUDED.valid_until, challenge_id = EXCLUDED.challenge_id
         WHERE step_up_projection.valid_until < EXCLUDED.valid_until`,
      [userId, purpose, validUntil, challengeId],
    );
  },
};

/** Whether the caller holds an unexpired step-up per purpose, judged at read time; one query per request. */
export function stepUpLoader(ctx: RequestContext): DataLoader<StepUpPurpose, boolean> {
  return ctx.loaders.get('step-up', () => {
    const callerId = ctx.principal?.id ?? null;
    return new DataLoader<StepUpPurpose, boolean>(async (purposes) => {
      if (callerId === null) return purposes.map(() => false);
      const rows = (await ctx.dataSource.query(
        `SELECT purpose FROM step_up_projection
          WHERE user_id = $1::uuid AND purpose = ANY($2) AND valid_until > now()`,
        [callerId, purposes],
      )) as Array<{ purpose: string }>;
      const active = new Set(rows.map((row) => row.purpose));
      return purposes.map((purpose) => active.has(purpose));
    });
  });
}
