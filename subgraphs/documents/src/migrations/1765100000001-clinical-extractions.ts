import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Extractions of diagnoses (status, onset) and medications (dose, route, frequency) beside lab results. */
export class ClinicalExtractions1765100000001 implements MigrationInterface {
  name = 'ClinicalExtractions1765100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE extraction
      ADD COLUMN dose text, ADD COLUMN route text, ADD COLUMN frequency text,
      ADD COLUMN clinical_status text, ADD COLUMN onset_text text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE extraction
      DROP COLUMN dose, DROP COLUMN route, DROP COLUMN frequency, DROP COLUMN clinical_status, DROP COLUMN onset_text`);
  }
}
