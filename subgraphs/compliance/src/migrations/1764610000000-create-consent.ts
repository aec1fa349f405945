import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent grants, plus the two facts compliance learns from other services' events to check a grant:
 * who is a verified user (identity's user.verified) and which user owns which patient (patient.created).
 */
export class CreateConsent1764610000000 implements MigrationInterface {
  name = 'CreateConsent1764610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE verified_user (
        user_id uuid PRIMARY KEY,
        roles text[] NOT NULL,
        verified_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE patient_owner (
        patient_id uuid PRIMARY KEY,
        owner_user_id uuid
      )`);
    await queryRunner.query(`CREATE INDEX patient_owner_owner ON patient_owner (owner_user_id)`);
    await queryRunner.query(`
      CREATE TABLE consent_grant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        patient_id uuid NOT NULL,
        grantor_user_id uuid NOT NULL,
        grantee_user_id uuid NOT NULL,
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
        purpose text NOT NULL,
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX consent_grant_grantor ON consent_grant (grantor_user_id, created_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX consent_grant_grantee ON consent_grant (grantee_user_id, created_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE consent_grant`);
    await queryRunner.query(`DROP TABLE patient_owner`);
    await queryRunner.query(`DROP TABLE verified_user`);
  }
}
