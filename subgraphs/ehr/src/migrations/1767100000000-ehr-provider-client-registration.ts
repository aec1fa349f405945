import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EhrProviderClientRegistration1767100000000 implements MigrationInterface {
  name = 'EhrProviderClientRegistration1767100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ehr_provider ADD COLUMN "clientIdSource" text`);
    await queryRunner.query(
      `UPDATE ehr_provider SET "clientIdSource" = CASE WHEN "clientId" IS NULL THEN 'DEFAULT' ELSE 'CONFIGURED' END`,
    );
    await queryRunner.query(`ALTER TABLE ehr_provider ALTER COLUMN "clientIdSource" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE ehr_provider ADD COLUMN "registeredRedirectUris" text[] NOT NULL DEFAULT '{}'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE ehr_provider DROP COLUMN "registeredRedirectUris", DROP COLUMN "clientIdSource"`,
    );
  }
}
