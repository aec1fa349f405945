import type { MigrationInterface, QueryRunner } from 'typeorm';

/** TOTP factors (one per user, secret sealed) and the identity challenges answered with them. */
export class CreateIdentityChallenge1765300200000 implements MigrationInterface {
  name = 'CreateIdentityChallenge1765300200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE totp_factor (
        user_id uuid PRIMARY KEY,
        secret_sealed text NOT NULL,
        confirmed_at timestamptz,
        last_used_step bigint,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE identity_challenge (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        purpose text NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'VERIFIED', 'LOCKED')),
        failed_attempts int NOT NULL DEFAULT 0,
        max_attempts int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        verified_at timestamptz,
        valid_until timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX identity_challenge_user ON identity_challenge (user_id, created_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE identity_challenge`);
    await queryRunner.query(`DROP TABLE totp_factor`);
  }
}
