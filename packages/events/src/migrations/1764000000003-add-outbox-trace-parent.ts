import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class AddOutboxTraceParent1764000000003 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // The producer's W3C traceparent: a consumer's handling span continues the producer's trace from it.
    await queryRunner.query(`ALTER TABLE event_outbox ADD COLUMN trace_parent text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE event_outbox DROP COLUMN trace_parent`);
  }
}
