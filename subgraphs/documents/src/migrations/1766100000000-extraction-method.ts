import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which extractor found each result: the rules (every row so far) or the language model. */
export class ExtractionMethod1766100000000 implements MigrationInterface {
  name = 'ExtractionMethod1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE extraction ADD COLUMN method text NOT NULL DEFAULT 'RULES'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE extraction DROP COLUMN method`);
  }
}
