import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Verified step-ups (from compliance's identity.challenge.verified): one row per user and purpose, latest expiry. */
export class StepUpProjection1765300200000 implements MigrationInterface {
  name = 'StepUpProjection1765300200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE step_up_projection (
        user_id uuid NOT NULL,
        purpose text NOT NULL,
        valid_until timestamptz NOT NULL,
        challenge_id uuid NOT NULL,
        PRIMARY KEY (user_id, purpose)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE step_up_projection`);
  }
}
