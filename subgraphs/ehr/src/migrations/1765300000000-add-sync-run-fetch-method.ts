import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSyncRunFetchMethod1765300000000 implements MigrationInterface {
  name = 'AddSyncRunFetchMethod1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ehr_sync_run ADD COLUMN fetch_method text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ehr_sync_run DROP COLUMN fetch_method`);
  }
}
