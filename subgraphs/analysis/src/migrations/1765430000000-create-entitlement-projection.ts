import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Analysis' copy of billing's entitlements per user (from `billing.entitlements.changed`), read at request time. */
export class CreateEntitlementProjection1765430000000 implements MigrationInterface {
  name = 'CreateEntitlementProjection1765430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE entitlement_projection (
        user_id text PRIMARY KEY,
        plan text NOT NULL,
        status text NOT NULL,
        features text[] NOT NULL,
        credits_cents integer NOT NULL CHECK (credits_cents >= 0),
        event_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE entitlement_projection`);
  }
}
