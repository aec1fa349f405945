import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class IndexEventRetention1764000000002 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // Pruning looks up old published rows and old marks; without these it would scan the whole tables.
    await queryRunner.query(
      `CREATE INDEX event_outbox_published_at_idx ON event_outbox (published_at) WHERE published_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX processed_event_processed_at_idx ON processed_event (processed_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX processed_event_processed_at_idx`);
    await queryRunner.query(`DROP INDEX event_outbox_published_at_idx`);
  }
}
