import type { QueryRunner } from 'typeorm';

/**
 * Creates the two projection tables in a subgraph's own database, for its first migration: `patient_owner`
 * (from patient.created) and `consent_projection` (from consent.granted / consent.revoked).
 */
export async function createAccessProjectionTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE patient_owner (
      patient_id uuid PRIMARY KEY,
      owner_user_id uuid
    )`);
  await queryRunner.query(`CREATE INDEX patient_owner_user ON patient_owner (owner_user_id)`);
  await queryRunner.query(`
    CREATE TABLE consent_projection (
      consent_id uuid PRIMARY KEY,
      patient_id uuid NOT NULL,
      grantee_user_id uuid NOT NULL,
      scopes text[] NOT NULL DEFAULT '{}',
      expires_at timestamptz,
      revoked_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  await queryRunner.query(
    `CREATE INDEX consent_projection_grantee ON consent_projection (grantee_user_id, patient_id)`,
  );
}

/** Drops what createAccessProjectionTables made. */
export async function dropAccessProjectionTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP TABLE consent_projection`);
  await queryRunner.query(`DROP TABLE patient_owner`);
}
