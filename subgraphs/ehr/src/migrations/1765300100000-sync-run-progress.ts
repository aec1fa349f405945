import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The FHIR resource type a running sync is fetching, for live progress (`ehrSyncProgress`). */
export class SyncRunProgress1765300100000 implements MigrationInterface {
  name = 'SyncRunProgress1765300100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ehr_sync_run ADD COLUMN current_resource_type text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ehr_sync_run DROP COLUMN current_resource_type`);
  }
}
