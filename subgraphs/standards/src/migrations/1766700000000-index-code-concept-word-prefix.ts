import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The typo pass asks, per word of the search text, whether any known word starts with it; this index answers with
 * one row read in byte order. Built CONCURRENTLY (hence outside a transaction) so imports and the statement trigger
 * that fills code_concept_word keep writing while it builds on a large release.
 */
export class IndexCodeConceptWordPrefix1766700000000 implements MigrationInterface {
  name = 'IndexCodeConceptWordPrefix1766700000000';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX CONCURRENTLY IF NOT EXISTS code_concept_word_prefix ON code_concept_word (word text_pattern_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS code_concept_word_prefix`);
  }
}
