import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who a grant names and on whose behalf an access happened: verified users gain their address and display name
 * (from user.verified), so a patient can grant by email and see who read their record; audit entries gain the
 * consent grant an access relied on and, under a PROXY grant, the patient acted for. Adding nullable columns
 * changes no existing row, so the chain over older entries still verifies.
 */
export class PeopleDirectoryAndDelegation1765200000000 implements MigrationInterface {
  name = 'PeopleDirectoryAndDelegation1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE verified_user ADD COLUMN email text, ADD COLUMN display_name text`);
    await queryRunner.query(`CREATE UNIQUE INDEX verified_user_email ON verified_user (email)`);
    await queryRunner.query(`ALTER TABLE audit_log ADD COLUMN on_behalf_of uuid, ADD COLUMN consent_id uuid`);
    await queryRunner.query(
      `CREATE INDEX consent_grant_patient ON consent_grant (patient_id, grantee_user_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX consent_grant_patient`);
    await queryRunner.query(`ALTER TABLE audit_log DROP COLUMN consent_id, DROP COLUMN on_behalf_of`);
    await queryRunner.query(`DROP INDEX verified_user_email`);
    await queryRunner.query(`ALTER TABLE verified_user DROP COLUMN display_name, DROP COLUMN email`);
  }
}
