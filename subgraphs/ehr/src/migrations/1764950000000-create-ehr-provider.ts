import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEhrProvider1764950000000 implements MigrationInterface {
  name = 'CreateEhrProvider1764950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ehr_provider (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        vendor text,
        "fhirBaseUrl" text NOT NULL UNIQUE,
        "authorizeUrl" text NOT NULL,
        "tokenUrl" text NOT NULL,
        "revocationUrl" text,
        capabilities text[] NOT NULL DEFAULT '{}',
        "scopesSupported" text[] NOT NULL DEFAULT '{}',
        "bulkExport" boolean NOT NULL DEFAULT false,
        "clientId" text,
        "addedBy" text NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ehr_provider_name ON ehr_provider (lower(name))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ehr_provider`);
  }
}
