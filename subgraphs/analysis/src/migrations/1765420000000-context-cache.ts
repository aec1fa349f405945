import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The context cache's columns on context_entry: which kind of entry, its importance and how it is used. */
export class ContextCache1765420000000 implements MigrationInterface {
  name = 'ContextCache1765420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE context_entry
        ADD COLUMN kind text NOT NULL DEFAULT 'TASK_SNAPSHOT' CHECK (kind IN ('TASK_SNAPSHOT', 'MODEL_CONTEXT')),
        ADD COLUMN content_importance double precision NOT NULL DEFAULT 1,
        ADD COLUMN importance double precision NOT NULL DEFAULT 1 CHECK (importance BETWEEN 0 AND 1),
        ADD COLUMN access_count integer NOT NULL DEFAULT 0,
        ADD COLUMN last_accessed_at timestamptz,
        ADD COLUMN identifiers_removed integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`CREATE INDEX context_entry_kind_created ON context_entry (kind, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX context_entry_kind_created`);
    await queryRunner.query(`
      ALTER TABLE context_entry DROP COLUMN kind, DROP COLUMN content_importance, DROP COLUMN importance,
        DROP COLUMN access_count, DROP COLUMN last_accessed_at, DROP COLUMN identifiers_removed`);
  }
}
